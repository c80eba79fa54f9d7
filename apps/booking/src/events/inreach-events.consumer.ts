import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  inreachSessionPublishedV1,
  inreachSessionWithdrawnV1,
  type EventData,
  type EventEnvelope,
} from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { MakeSessionSlots } from '../inreach/make-session-slots';
import { WithdrawSessionSlots } from '../inreach/withdraw-session-slots';

/**
 * In-reach session events booking turns into slots. Parses nothing itself: the pipeline validated the
 * contract; an InreachError (unknown host, a site not the host's) sends the event to the dead letters.
 */
@Controller()
export class InreachEventsConsumer {
  constructor(
    private readonly makeSlots: MakeSessionSlots,
    private readonly withdrawSlots: WithdrawSessionSlots,
  ) {}

  @ConsumeEvent(inreachSessionPublishedV1, BOOKING_SCHEMA)
  async onSessionPublished(
    @Payload() event: EventEnvelope<EventData<typeof inreachSessionPublishedV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.makeSlots.execute(ctx.manager, event);
  }

  @ConsumeEvent(inreachSessionWithdrawnV1, BOOKING_SCHEMA)
  async onSessionWithdrawn(
    @Payload() event: EventEnvelope<EventData<typeof inreachSessionWithdrawnV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.withdrawSlots.execute(ctx.manager, event);
  }
}
