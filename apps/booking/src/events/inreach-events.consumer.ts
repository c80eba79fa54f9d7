import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  inreachOfferMadeV1,
  inreachSessionPublishedV1,
  inreachSessionWithdrawnV1,
  type EventData,
  type EventEnvelope,
} from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { HoldOfferedSeat } from '../inreach/hold-offered-seat';
import { MakeSessionSlots } from '../inreach/make-session-slots';
import { WithdrawSessionSlots } from '../inreach/withdraw-session-slots';

/**
 * In-reach events booking acts on: sessions it turns into slots, and offers it holds a seat for.
 * Parses nothing itself: the pipeline validated the contract; an InreachError (unknown host, a site not
 * the host's) sends the event to the dead letters.
 */
@Controller()
export class InreachEventsConsumer {
  constructor(
    private readonly makeSlots: MakeSessionSlots,
    private readonly withdrawSlots: WithdrawSessionSlots,
    private readonly holdOfferedSeat: HoldOfferedSeat,
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

  @ConsumeEvent(inreachOfferMadeV1, BOOKING_SCHEMA)
  async onOfferMade(
    @Payload() event: EventEnvelope<EventData<typeof inreachOfferMadeV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.holdOfferedSeat.execute(ctx.manager, event);
  }
}
