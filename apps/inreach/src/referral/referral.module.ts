import { Module } from '@nestjs/common';
import { ReferralEventsConsumer } from '../events/referral-events.consumer';
import { RecordReferralCreated } from './record-referral-created';

/** When referrals were made, for the evidence report. */
@Module({
  controllers: [ReferralEventsConsumer],
  providers: [RecordReferralCreated],
})
export class ReferralModule {}
