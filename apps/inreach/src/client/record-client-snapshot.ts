import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClientSnapshot, EventEnvelope } from '@careloop/contracts';
import { upsertIfNewerVersion } from '@careloop/persistence';
import { INREACH_SCHEMA } from '../inreach-schema';

/**
 * Keeps the day sheet's copy of a client, in the consumer's transaction (the inbox makes a redelivery
 * a no-op). Registration and updates are both whole snapshots: the highest version wins, so an older
 * one arriving late changes nothing. Only the fields the day sheet shows are stored.
 */
@Injectable()
export class RecordClientSnapshot {
  async execute(manager: EntityManager, event: EventEnvelope<ClientSnapshot>): Promise<void> {
    const c = event.data;
    await upsertIfNewerVersion(manager, {
      schema: INREACH_SCHEMA,
      table: 'client',
      key: 'client_id',
      values: {
        client_id: c.clientId,
        org_id: event.orgId,
        version: c.version,
        given_name: c.name.given,
        family_name: c.name.family,
        preferred_name: c.preferredName,
        date_of_birth: c.dateOfBirth,
        nhs_number: c.nhsNumber,
        keyworker_id: c.keyworkerId,
        updated_at: new Date(event.occurredAt),
      },
    });
  }
}
