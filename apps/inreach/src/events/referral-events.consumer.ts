import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  referralCreatedV1,
  referralStatusChangedV1,
  type EventData,
  type EventEnvelope,
} from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { INREACH_SCHEMA } from '../inreach-schema';
import { RecordReferralCreated } from '../referral/record-referral-created';
import { FollowReferralStatus } from '../waiting-list/follow-referral-status';
import { JoinWaitingList } from '../waiting-list/join-waiting-list';

type Env<D> = EventEnvelope<EventData<D>>;

/**
 * Referrals' events: when each referral was made (evidence), and the in-reach referrals' waiting-list
 * entries, which follow their referral's status. Each handler runs in the inbox's transaction.
 */
@Controller()
export class ReferralEventsConsumer {
  constructor(
    private readonly recordReferral: RecordReferralCreated,
    private readonly joinWaitingList: JoinWaitingList,
    private readonly followStatus: FollowReferralStatus,
  ) {}

  @ConsumeEvent(referralCreatedV1, INREACH_SCHEMA)
  async onReferralCreated(
    @Payload() event: Env<typeof referralCreatedV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.recordReferral.execute(ctx.manager, event);
    await this.joinWaitingList.execute(ctx.manager, event);
  }

  @ConsumeEvent(referralStatusChangedV1, INREACH_SCHEMA)
  async onReferralStatusChanged(
    @Payload() event: Env<typeof referralStatusChangedV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.followStatus.execute(ctx.manager, event);
  }
}
