import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClientSnapshot, EventEnvelope } from '@careloop/contracts';
import { upsertIfNewerVersion } from '@careloop/persistence';
import { BOOKING_SCHEMA } from '../booking-schema';

/**
 * Keeps booking's copy of a client at the highest version seen, in the consumer's transaction (the
 * inbox row commits with it). Snapshots of one client can arrive out of order (a redelivery, a replay
 * after a dead letter): an older one arriving late changes nothing. One statement decides by version
 * (upsertIfNewerVersion), so two consumers racing on the same client cannot interleave.
 */
@Injectable()
export class RecordClientSnapshot {
  async execute(manager: EntityManager, event: EventEnvelope<ClientSnapshot>): Promise<void> {
    const c = event.data;
    await upsertIfNewerVersion(manager, {
      schema: BOOKING_SCHEMA,
      table: 'client',
      key: 'client_id',
      values: {
        client_id: c.clientId,
        // The CDAS whose client it is: the organisation that published the event.
        org_id: event.orgId,
        version: c.version,
        given_name: c.name.given,
        family_name: c.name.family,
        preferred_name: c.preferredName,
        date_of_birth: c.dateOfBirth,
        nhs_number: c.nhsNumber,
        keyworker_id: c.keyworkerId,
        attendance_pattern: JSON.stringify(c.attendancePattern),
        flags: JSON.stringify(c.flags),
        updated_at: new Date(event.occurredAt),
      },
    });
  }
}
