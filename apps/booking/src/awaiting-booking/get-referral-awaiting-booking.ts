import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, assertVisibleTo, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { BOOKING_SCHEMA } from '../booking-schema';
import { toView, type ReferralAwaitingBookingView } from './awaiting-booking.dto';
import { BookingError } from './booking.errors';
import { awaitsBooking } from './awaiting-statuses';
import { ReferralAwaitingBooking } from './referral-awaiting-booking.entity';

/** One referral awaiting booking, if it belongs to the caller's organisation; the read is audited. */
@Injectable()
export class GetReferralAwaitingBooking {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async execute(principal: Principal, referralId: string): Promise<ReferralAwaitingBookingView> {
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(ReferralAwaitingBooking, { referralId });
      const row = found && awaitsBooking(found.status) ? found : null;
      assertVisibleTo(
        principal,
        row,
        () =>
          new BookingError('REFERRAL_NOT_AWAITING_BOOKING', {
            detail: `No referral ${referralId} awaits booking`,
          }),
      );
      await this.audit.record(manager, BOOKING_SCHEMA, {
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
