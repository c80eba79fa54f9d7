import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { ReferralEventsConsumer } from '../events/referral-events.consumer';
import { AwaitingBookingController } from './awaiting-booking.controller';
import { GetReferralAwaitingBooking } from './get-referral-awaiting-booking';
import { ListReferralsAwaitingBooking } from './list-referrals-awaiting-booking';
import { RecordReferralAwaitingBooking } from './record-referral-awaiting-booking';
import { UpdateReferralAwaitingStatus } from './update-referral-awaiting-status';

@Module({
  imports: [MessagingModule.forService(BOOKING_SCHEMA)],
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
