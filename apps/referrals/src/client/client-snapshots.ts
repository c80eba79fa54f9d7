import type { EventData, clientContactChangedV1, clientRegisteredV1 } from '@careloop/contracts';
import type { ClientContact } from './client-contact.entity';
import { toContactView } from './client-contact.dto';
import type { Client } from './client.entity';

export type ClientSnapshot = EventData<typeof clientRegisteredV1>;
export type ContactSnapshot = EventData<typeof clientContactChangedV1>['contacts'][number];

/** The whole client record as `client.registered.v1` / `client.updated.v1` carry it. */
export function clientSnapshot(c: Client): ClientSnapshot {
  return {
    clientId: c.id,
    version: c.version,
    name: { given: c.givenName, family: c.familyName },
    preferredName: c.preferredName,
    dateOfBirth: c.dateOfBirth,
    nhsNumber: c.nhsNumber,
    keyworkerId: c.keyworkerId,
    siteId: c.siteId,
    gpPracticeOds: c.gpPracticeOds,
    flags: {
      noFixedAbode: c.noFixedAbode,
      recentlyReleasedFromPrison: c.recentlyReleasedFromPrison,
      interpreterNeeded: c.interpreterNeeded,
      interpreterLanguage: c.interpreterLanguage,
    },
    attendancePattern: c.attendancePattern.map(({ day, from, to }) => ({ day, from, to })),
  };
}

/** A client's contacts in a stable order (oldest first, then id), as `client.contact-changed.v1` lists them. */
export function contactsSnapshot(contacts: readonly ClientContact[]): ContactSnapshot[] {
  // What the API shows, less the edit version (consumers keep the latest list, not per-contact versions).
  return oldestFirst(contacts).map((c) => {
    const { version: _version, ...snapshot } = toContactView(c);
    return snapshot;
  });
}

/** Contacts oldest first, then by id: the one order the API and the events list them in. */
export function oldestFirst(contacts: readonly ClientContact[]): ClientContact[] {
  return [...contacts].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
  );
}
