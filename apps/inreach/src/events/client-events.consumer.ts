import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { clientRegisteredV1, clientUpdatedV1, type EventData, type EventEnvelope } from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { RecordClientSnapshot } from '../client/record-client-snapshot';
import { INREACH_SCHEMA } from '../inreach-schema';

/**
 * Referrals' client snapshots, kept for the day sheet. Contact changes, consent and erasure of
 * contact data need nothing here: in-reach keeps no contact details.
 */
@Controller()
export class ClientEventsConsumer {
  constructor(private readonly recordSnapshot: RecordClientSnapshot) {}

  @ConsumeEvent(clientRegisteredV1, INREACH_SCHEMA)
  async onClientRegistered(
    @Payload() event: EventEnvelope<EventData<typeof clientRegisteredV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.recordSnapshot.execute(ctx.manager, event);
  }

  @ConsumeEvent(clientUpdatedV1, INREACH_SCHEMA)
  async onClientUpdated(
    @Payload() event: EventEnvelope<EventData<typeof clientUpdatedV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.recordSnapshot.execute(ctx.manager, event);
  }
}
