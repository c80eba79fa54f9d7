import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { ReferralEventsConsumer } from '../events/referral-events.consumer';
import { AwaitingBookingController } from './awaiting-booking.controller';
import { GetReferralAwaitingBooking } from './get-referral-awaiting-booking';
import { ListReferralsAwaitingBooking } from './list-referrals-awaiting-booking';
import { RecordReferralAwaitingBooking } from './record-referral-awaiting-booking';
import { UpdateReferralAwaitingStatus } from './update-referral-awaiting-status';

@Module({
  controllers: [AwaitingBookingController, ReferralEventsConsumer],
  providers: [
    ListReferralsAwaitingBooking,
    GetReferralAwaitingBooking,
    RecordReferralAwaitingBooking,
    UpdateReferralAwaitingStatus,
    AuditTrail,
  ],
})
export class AwaitingBookingModule {}
