import type { ClientContact } from './client-contact.entity';
import type { ClientConsent } from './client-consent.entity';
import { currentConsents, type CurrentConsents } from './client-consent.dto';
import { toContactView, type ContactView } from './client-contact.dto';
import type { Client } from './client.entity';
import { clientSnapshot, oldestFirst, type ClientSnapshot } from './client-snapshots';

/** What GET /clients/:id returns: the record, its contacts and its current consent per purpose. */
export interface ClientView extends Omit<ClientSnapshot, 'clientId'> {
  id: string;
  contacts: ContactView[];
  consents: CurrentConsents;
  createdAt: string;
  updatedAt: string;
}

/** One search result: enough to tell clients apart, nothing about contacts or consent. */
export interface ClientSummary {
  id: string;
  version: number;
  name: { given: string; family: string };
  preferredName: string | null;
  dateOfBirth: string;
  nhsNumber: string | null;
  keyworkerId: string;
  siteId: string;
}

export interface ClientSearchResult {
  items: ClientSummary[];
  total: number;
  limit: number;
  offset: number;
}

export function toClientView(
  client: Client,
  contacts: readonly ClientContact[],
  consents: readonly ClientConsent[],
): ClientView {
  const { clientId, ...snapshot } = clientSnapshot(client);
  return {
    id: clientId,
    ...snapshot,
    contacts: oldestFirst(contacts).map(toContactView),
    consents: currentConsents(consents),
    createdAt: client.createdAt.toISOString(),
    updatedAt: client.updatedAt.toISOString(),
  };
}

export function toClientSummary(c: Client): ClientSummary {
  return {
    id: c.id,
    version: c.version,
    name: { given: c.givenName, family: c.familyName },
    preferredName: c.preferredName,
    dateOfBirth: c.dateOfBirth,
    nhsNumber: c.nhsNumber,
    keyworkerId: c.keyworkerId,
    siteId: c.siteId,
  };
}
