import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClientSnapshot, EventEnvelope } from '@careloop/contracts';
import { upsertIfNewerVersion } from '@careloop/persistence';
import { REMINDERS_SCHEMA } from '../reminders-schema';

/**
 * Keeps the client's name, keyworker and organisation at the highest snapshot version seen, in the
 * consumer's transaction: an older snapshot arriving late changes nothing. Contacts and consent are
 * not in snapshots and are left as they are (a row made earlier by a contact or consent event, at
 * version 0, is filled in by the registration).
 */
@Injectable()
export class RecordClientSnapshot {
  async execute(manager: EntityManager, event: EventEnvelope<ClientSnapshot>): Promise<void> {
    const c = event.data;
    await upsertIfNewerVersion(manager, {
      schema: REMINDERS_SCHEMA,
      table: 'client',
      key: 'client_id',
      values: {
        client_id: c.clientId,
        // The CDAS whose client it is: the organisation that published the event.
        org_id: event.orgId,
        version: c.version,
        given_name: c.name.given,
        preferred_name: c.preferredName,
        keyworker_id: c.keyworkerId,
        mobile: null,
        mobile_safe_to_text: false,
        sms_consent: false,
        name_service_consent: false,
        opted_out_at: null,
        updated_at: new Date(event.occurredAt),
      },
      insertOnly: ['mobile', 'mobile_safe_to_text', 'sms_consent', 'name_service_consent', 'opted_out_at'],
      // Contact and consent events move it too, and may be later than this snapshot.
      keepLatest: ['updated_at'],
    });
  }
}
