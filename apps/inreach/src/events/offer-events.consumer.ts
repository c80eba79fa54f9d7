import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { appointmentOfferUnplacedV1, type EventData, type EventEnvelope } from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { INREACH_SCHEMA } from '../inreach-schema';
import { RecordOfferUnplaced } from '../offer/record-offer-unplaced';

/**
 * Booking's answer to an offer it could not place. (Its holds, bookings and ended holds of offers are
 * appointment events: BookingEventsConsumer.) Runs in the inbox's transaction.
 */
@Controller()
export class OfferEventsConsumer {
  constructor(private readonly recordUnplaced: RecordOfferUnplaced) {}

  @ConsumeEvent(appointmentOfferUnplacedV1, INREACH_SCHEMA)
  async onOfferUnplaced(
    @Payload() event: EventEnvelope<EventData<typeof appointmentOfferUnplacedV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.recordUnplaced.execute(ctx.manager, event);
  }
}
