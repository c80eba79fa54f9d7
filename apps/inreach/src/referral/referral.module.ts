import { Module } from '@nestjs/common';
import { ReferralEventsConsumer } from '../events/referral-events.consumer';
import { FollowReferralStatus } from '../waiting-list/follow-referral-status';
import { JoinWaitingList } from '../waiting-list/join-waiting-list';
import { RecordReferralCreated } from './record-referral-created';

/**
 * Referrals' events: when referrals were made, for the evidence report, and the waiting-list entries
 * of in-reach referrals (the waiting list's own routes are WaitingListModule's).
 */
@Module({
  controllers: [ReferralEventsConsumer],
  providers: [RecordReferralCreated, JoinWaitingList, FollowReferralStatus],
})
export class ReferralModule {}
