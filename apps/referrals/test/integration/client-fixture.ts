import { randomUUID } from 'node:crypto';
import { AuditTrail, type Principal } from '@careloop/auth';
import { Outbox } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { AddClientContact } from '../../src/client/add-client-contact';
import { ClientEvents } from '../../src/client/client-events';
import { ClientRecords } from '../../src/client/client-records';
import { registerClientBody, updateClientBody } from '../../src/client/client.dto';
import { contactBody } from '../../src/client/client-contact.dto';
import { EraseClientContactData } from '../../src/client/erase-client-contact-data';
import { GetClient } from '../../src/client/get-client';
import { ConsentLedger } from '../../src/client/consent-ledger';
import { RecordConsent } from '../../src/client/record-consent';
import { RegisterClient } from '../../src/client/register-client';
import { RemoveClientContact } from '../../src/client/remove-client-contact';
import { SearchClients } from '../../src/client/search-clients';
import { UpdateClientContact } from '../../src/client/update-client-contact';
import { UpdateClient } from '../../src/client/update-client';
import { WithdrawConsent } from '../../src/client/withdraw-consent';
import { referralsService } from '../../src/referrals.service';
import { REFERRALS_SCHEMA } from '../../src/referrals-schema';

/** A CDAS keyworker with two sites; `principal({ orgId })` makes a colleague elsewhere. */
export function aPrincipal(overrides: Partial<Principal> = {}): Principal {
  return {
    userId: `user-${randomUUID()}`,
    name: 'Alex Morgan',
    roles: ['drug_worker'],
    orgId: 'org-riverside',
    orgKind: 'cdas',
    siteIds: ['site-hub', 'site-northgate'],
    ...overrides,
  };
}

export const aClientBody = (overrides: Record<string, unknown> = {}) =>
  registerClientBody.parse({
    name: { given: 'Joanne', family: 'Smith' },
    dateOfBirth: '1978-04-02',
    siteId: 'site-hub',
    ...overrides,
  });

export const anUpdate = (body: Record<string, unknown>) => updateClientBody.parse(body);
export const aContact = (body: Record<string, unknown>) => contactBody.parse(body);

export interface OutboxEnvelope {
  type: string;
  subjectId: string;
  orgId: string;
  data: Record<string, unknown>;
}

/** The client use cases wired by hand on a fresh, migrated database of the real Postgres. */
export async function startClientContext(label: string) {
  const testDatabase: TestDatabase = await createTestDatabase(label);
  const db = await Database.open(
    { url: testDatabase.url, logger: { info: () => undefined, warn: () => undefined } },
    [referralsService.database],
  );
  const clock = new ManualClock('2026-11-02T10:00:00Z');
  const records = new ClientRecords(new AuditTrail());
  const events = new ClientEvents(new Outbox(REFERRALS_SCHEMA, clock));
  const ds = db.dataSource;
  const ledger = new ConsentLedger(records, events, clock);
  return {
    db,
    clock,
    register: new RegisterClient(ds, records, events, clock),
    update: new UpdateClient(ds, records, events, clock),
    get: new GetClient(ds, records),
    search: new SearchClients(ds, new AuditTrail()),
    addContact: new AddClientContact(ds, records, events, clock),
    updateContact: new UpdateClientContact(ds, records, events, clock),
    removeContact: new RemoveClientContact(ds, records, events, clock),
    erase: new EraseClientContactData(ds, records, events, clock),
    recordConsent: new RecordConsent(ds, records, ledger),
    withdrawConsent: new WithdrawConsent(ds, records, ledger),
    /** Outbox envelopes for a client, oldest first. */
    async outboxFor(clientId: string): Promise<OutboxEnvelope[]> {
      const rows: { payload: OutboxEnvelope | string }[] = await ds.query(
        `SELECT payload FROM referrals.outbox WHERE message_key = $1 ORDER BY seq`,
        [clientId],
      );
      return rows.map((r) =>
        typeof r.payload === 'string' ? (JSON.parse(r.payload) as OutboxEnvelope) : r.payload,
      );
    },
    async auditFor(
      clientId: string,
    ): Promise<{ action: string; subject_type: string; reason: string | null }[]> {
      return ds.query(
        `SELECT action, subject_type, reason FROM referrals.audit_log WHERE client_id = $1 ORDER BY seq`,
        [clientId],
      );
    },
    async close(): Promise<void> {
      await db.close();
      await testDatabase.drop();
    },
  };
}
export type ClientContext = Awaited<ReturnType<typeof startClientContext>>;

/** The error code a promise rejected with (a ClientError's code), or 'resolved'. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code ?? String(error),
  );
}
