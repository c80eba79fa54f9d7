import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  clientConsentChangedV1,
  clientContactChangedV1,
  clientContactDataErasedV1,
  clientRegisteredV1,
  clientUpdatedV1,
  type EventData,
  type EventEnvelope,
} from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { EraseClientContactData } from '../client/erase-client-contact-data';
import { RecordClientConsent } from '../client/record-client-consent';
import { RecordClientContacts } from '../client/record-client-contacts';
import { RecordClientSnapshot } from '../client/record-client-snapshot';
import { REMINDERS_SCHEMA } from '../reminders-schema';

type Env<D> = EventEnvelope<EventData<D>>;

/**
 * The referrals service's client events. Each handler runs in the transaction that records the event
 * in the inbox; the pipeline validated the contract. The referrals topic is keyed by client id, so the
 * events of one client arrive in the order they were published.
 */
@Controller()
export class ClientEventsConsumer {
  constructor(
    private readonly snapshot: RecordClientSnapshot,
    private readonly contacts: RecordClientContacts,
    private readonly consent: RecordClientConsent,
    private readonly erase: EraseClientContactData,
  ) {}

  @ConsumeEvent(clientRegisteredV1, REMINDERS_SCHEMA)
  async onRegistered(
    @Payload() event: Env<typeof clientRegisteredV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.snapshot.execute(ctx.manager, event);
  }

  @ConsumeEvent(clientUpdatedV1, REMINDERS_SCHEMA)
  async onUpdated(@Payload() event: Env<typeof clientUpdatedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.snapshot.execute(ctx.manager, event);
  }

  @ConsumeEvent(clientContactChangedV1, REMINDERS_SCHEMA)
  async onContactChanged(
    @Payload() event: Env<typeof clientContactChangedV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.contacts.execute(ctx.manager, event);
  }

  @ConsumeEvent(clientConsentChangedV1, REMINDERS_SCHEMA)
  async onConsentChanged(
    @Payload() event: Env<typeof clientConsentChangedV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.consent.execute(ctx.manager, event);
  }

  @ConsumeEvent(clientContactDataErasedV1, REMINDERS_SCHEMA)
  async onContactDataErased(
    @Payload() event: Env<typeof clientContactDataErasedV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.erase.execute(ctx.manager, event);
  }
}
