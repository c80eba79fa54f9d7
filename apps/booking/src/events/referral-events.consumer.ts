import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { referralCreatedV1, type EventData, type EventEnvelope } from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { RecordReferralAwaitingBooking } from '../awaiting-booking/record-referral-awaiting-booking';

/** Referral events booking reacts to. Parses nothing itself: the pipeline validated the contract. */
@Controller()
export class ReferralEventsConsumer {
  constructor(private readonly recordAwaiting: RecordReferralAwaitingBooking) {}

  @ConsumeEvent(referralCreatedV1, BOOKING_SCHEMA)
  async onReferralCreated(
    @Payload() event: EventEnvelope<EventData<typeof referralCreatedV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.recordAwaiting.execute(ctx.manager, event);
  }
}
