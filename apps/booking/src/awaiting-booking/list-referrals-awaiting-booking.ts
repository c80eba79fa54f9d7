import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, assertVisibleTo, scopeToOrganisation, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { toView, type ReferralAwaitingBookingView } from './awaiting-booking.dto';
import { BookingError } from './booking.errors';
import { ReferralAwaitingBooking } from './referral-awaiting-booking.entity';

/** The caller's organisation's referrals that still need an appointment, oldest first. */
@Injectable()
export class ListReferralsAwaitingBooking {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async list(principal: Principal): Promise<ReferralAwaitingBookingView[]> {
    return this.dataSource.transaction(async (manager) => {
      const qb = manager.getRepository(ReferralAwaitingBooking).createQueryBuilder('r');
      const rows = await scopeToOrganisation(qb, 'r', principal)
        .orderBy('r.referredAt', 'ASC')
        .limit(500)
        .getMany();
      await this.audit.record(manager, 'booking', {
        actor: principal,
        action: 'search',
        subjectType: 'referral_awaiting_booking',
        subjectId: principal.orgId,
        correlationId: currentCorrelation()?.correlationId ?? principal.orgId,
        details: { results: rows.length },
      });
      return rows.map(toView);
    });
  }

  async get(principal: Principal, referralId: string): Promise<ReferralAwaitingBookingView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOneBy(ReferralAwaitingBooking, { referralId });
      assertVisibleTo(
        principal,
        row,
        () =>
          new BookingError('REFERRAL_NOT_AWAITING_BOOKING', {
            detail: `No referral ${referralId} awaits booking`,
          }),
      );
      await this.audit.record(manager, 'booking', {
        actor: principal,
        action: 'read',
        subjectType: 'referral_awaiting_booking',
        subjectId: row.referralId,
        clientId: row.clientId,
        correlationId: currentCorrelation()?.correlationId ?? row.referralId,
      });
      return toView(row);
    });
  }
}
