import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { clientRegisteredV1, clientUpdatedV1, type EventData, type EventEnvelope } from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { RecordClientSnapshot } from '../client/record-client-snapshot';

/**
 * Client events booking keeps a copy from: each is the whole record at a version, so registration
 * and updates are handled alike. Parses nothing itself: the pipeline validated the contract.
 */
@Controller()
export class ClientEventsConsumer {
  constructor(private readonly recordSnapshot: RecordClientSnapshot) {}

  @ConsumeEvent(clientRegisteredV1, BOOKING_SCHEMA)
  async onClientRegistered(
    @Payload() event: EventEnvelope<EventData<typeof clientRegisteredV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.recordSnapshot.execute(ctx.manager, event);
  }

  @ConsumeEvent(clientUpdatedV1, BOOKING_SCHEMA)
  async onClientUpdated(
    @Payload() event: EventEnvelope<EventData<typeof clientUpdatedV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.recordSnapshot.execute(ctx.manager, event);
  }
}
