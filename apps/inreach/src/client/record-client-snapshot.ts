import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WEEKDAYS, type ClientSnapshot, type EventEnvelope } from '@careloop/contracts';
import { upsertIfNewerVersion } from '@careloop/persistence';
import { CLOCK, type Clock } from '@careloop/time';
import { INREACH_SCHEMA } from '../inreach-schema';
import { markOffersDue } from '../offer/offer-due';

/**
 * Keeps in-reach's copy of a client, in the consumer's transaction (the inbox makes a redelivery a
 * no-op). Registration and updates are both whole snapshots: the highest version wins, so an older
 * one arriving late changes nothing. Only the fields the day sheet shows are stored, and the weekdays
 * of the attendance pattern. A client waiting for a service can be offered a seat only once in-reach
 * knows their keyworker, so their services' offers become due.
 */
@Injectable()
export class RecordClientSnapshot {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

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
        attendance_days: WEEKDAYS.filter((day) => c.attendancePattern.some((w) => w.day === day)),
        updated_at: new Date(event.occurredAt),
      },
    });
    const waitingFor = (await manager.query(
      `SELECT DISTINCT "service_id" FROM "inreach"."waiting_list_entry"
        WHERE "client_id" = $1 AND "org_id" = $2 AND "status" = 'waiting'`,
      [c.clientId, event.orgId],
    )) as { service_id: string }[];
    await markOffersDue(
      manager,
      waitingFor.map((w) => w.service_id),
      this.clock.now(),
    );
  }
}
