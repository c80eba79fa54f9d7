import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { referralCreatedV1, type EventData, type EventEnvelope } from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { INREACH_SCHEMA } from '../inreach-schema';
import { RecordReferralCreated } from '../referral/record-referral-created';

/** Referrals' creation events: when each referral was made. Its later status changes are not needed. */
@Controller()
export class ReferralEventsConsumer {
  constructor(private readonly recordReferral: RecordReferralCreated) {}

  @ConsumeEvent(referralCreatedV1, INREACH_SCHEMA)
  async onReferralCreated(
    @Payload() event: EventEnvelope<EventData<typeof referralCreatedV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.recordReferral.execute(ctx.manager, event);
  }
}
