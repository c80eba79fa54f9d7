import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, scopeToOrganisation, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { BOOKING_SCHEMA } from '../booking-schema';
import { toView, type ReferralAwaitingBookingView } from './awaiting-booking.dto';
import { AWAITING_BOOKING_STATUSES } from './awaiting-statuses';
import { ReferralAwaitingBooking } from './referral-awaiting-booking.entity';

/**
 * The caller's organisation's referrals that still need an appointment (see AWAITING_BOOKING_STATUSES),
 * oldest first. Each client
 * shown gets an audit entry, so "who has seen this client" includes lists.
 */
@Injectable()
export class ListReferralsAwaitingBooking {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async execute(principal: Principal): Promise<ReferralAwaitingBookingView[]> {
    return this.dataSource.transaction(async (manager) => {
      const qb = manager
        .getRepository(ReferralAwaitingBooking)
        .createQueryBuilder('r')
        .where('r.status IN (:...statuses)', { statuses: AWAITING_BOOKING_STATUSES });
      const rows = await scopeToOrganisation(qb, 'r', principal)
        .orderBy('r.referredAt', 'ASC')
        .limit(500)
        .getMany();
      const correlationId = currentCorrelation()?.correlationId ?? principal.userId;
      await this.audit.recordMany(
        manager,
        BOOKING_SCHEMA,
        rows.map((row) => ({
          actor: principal,
          action: 'search' as const,
          subjectType: 'referral_awaiting_booking',
          subjectId: row.referralId,
          clientId: row.clientId,
          correlationId,
        })),
      );
      return rows.map(toView);
    });
  }
}
