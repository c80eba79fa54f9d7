import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  clientConsentChangedV1,
  clientContactChangedV1,
  clientContactDataErasedV1,
  clientRegisteredV1,
  clientUpdatedV1,
  type EventDefinition,
} from '@careloop/contracts';
import type { Principal } from '@careloop/auth';
import { Outbox } from '@careloop/messaging';
import type { z } from 'zod';
import { ClientConsent } from './client-consent.entity';
import { currentConsents } from './client-consent.dto';
import { ClientContact } from './client-contact.entity';
import { clientSnapshot, contactsSnapshot } from './client-snapshots';
import type { Client } from './client.entity';

/**
 * Writes the client context's snapshot events into the outbox with the caller's transaction. Each
 * contact or consent event is built from what the transaction now sees, so it is the full current
 * state (use cases lock the client row first, so two changes never publish lists missing each other).
 */
@Injectable()
export class ClientEvents {
  constructor(private readonly outbox: Outbox) {}

  async clientChanged(
    manager: EntityManager,
    principal: Principal,
    client: Client,
    change: 'registered' | 'updated',
  ): Promise<void> {
    const definition = change === 'registered' ? clientRegisteredV1 : clientUpdatedV1;
    await this.add(manager, principal, client, definition, clientSnapshot(client));
  }

  async contactsChanged(
    manager: EntityManager,
    principal: Principal,
    client: Client,
    at: Date,
  ): Promise<void> {
    const contacts = await manager.findBy(ClientContact, { clientId: client.id });
    await this.add(
      manager,
      principal,
      client,
      clientContactChangedV1,
      { clientId: client.id, contacts: contactsSnapshot(contacts) },
      at,
    );
  }

  async consentChanged(
    manager: EntityManager,
    principal: Principal,
    client: Client,
    at: Date,
  ): Promise<void> {
    const history = await manager.findBy(ClientConsent, { clientId: client.id });
    await this.add(
      manager,
      principal,
      client,
      clientConsentChangedV1,
      { clientId: client.id, consents: currentConsents(history) },
      at,
    );
  }

  async contactDataErased(
    manager: EntityManager,
    principal: Principal,
    client: Client,
    reason: string,
    at: Date,
  ): Promise<void> {
    await this.add(
      manager,
      principal,
      client,
      clientContactDataErasedV1,
      { clientId: client.id, erasedBy: principal.userId, reason },
      at,
    );
  }

  private async add<TType extends string, TSchema extends z.ZodType>(
    manager: EntityManager,
    principal: Principal,
    client: Client,
    definition: EventDefinition<TType, TSchema>,
    data: z.input<TSchema>,
    occurredAt: Date = client.updatedAt,
  ): Promise<void> {
    await this.outbox.add(manager, definition, {
      subjectId: client.id,
      orgId: client.orgId,
      // A change made on a service's behalf (e.g. an SMS opt-out recorded by `system:reminders`) is the system's.
      actor: { kind: principal.userId.startsWith('system:') ? 'system' : 'user', id: principal.userId },
      occurredAt,
      data,
    });
  }
}
