import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { ReadWaitingList } from './read-waiting-list';
import { WaitingListController } from './waiting-list.controller';

/**
 * A service's waiting list as keyworkers read it. Its entries come from referrals' events
 * (ReferralModule's consumer: JoinWaitingList, FollowReferralStatus).
 */
@Module({
  controllers: [WaitingListController],
  providers: [AuditTrail, ReadWaitingList],
})
export class WaitingListModule {}
