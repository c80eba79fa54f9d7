import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { deadLetterTopic, TOPICS, type ClientSnapshot, type EventEnvelope } from '@careloop/contracts';
import { headersFor, MessagingModule } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import {
  loadRuntimeConfig,
  startServices,
  type RunningServices,
  type ServiceDefinition,
} from '@careloop/runtime';
import { createTestDatabase, eventually, type TestDatabase } from '@careloop/testing';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { bookingService } from '../../src/booking.service';
import { ClientModule } from '../../src/client/client.module';
import { RIVERSIDE_CDAS } from '../support/booking-fixtures';

/** Booking's service definition with only the client projection mounted: what this file is about. */
@Module({ imports: [MessagingModule.forService(BOOKING_SCHEMA), ClientModule] })
class ClientProjectionOnly {}

const NORTHGATE_CDAS = 'org-northgate-cdas';

type SnapshotType = 'client.registered.v1' | 'client.updated.v1';

function aSnapshotEvent(
  type: SnapshotType,
  clientId: string,
  version: number,
  overrides: { orgId?: string; data?: Partial<ClientSnapshot> } = {},
): EventEnvelope<ClientSnapshot> {
  return {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date(Date.UTC(2026, 10, 2, 10, version)).toISOString(),
    orgId: overrides.orgId ?? RIVERSIDE_CDAS,
    actor: { kind: 'user', id: 'user-drug-worker' },
    correlationId: randomUUID(),
    causationId: null,
    subjectId: clientId,
    data: {
      clientId,
      version,
      name: { given: 'Sam', family: `Taylor-v${version}` },
      preferredName: null,
      dateOfBirth: '1979-04-12',
      nhsNumber: '9434765919',
      keyworkerId: 'alex.morgan',
      siteId: 'site-riverside-high-street',
      gpPracticeOds: 'Y12345',
      flags: {
        noFixedAbode: false,
        recentlyReleasedFromPrison: false,
        interpreterNeeded: false,
        interpreterLanguage: null,
      },
      attendancePattern: [{ day: 'tue', from: '09:00', to: '12:00' }],
      ...overrides.data,
    },
  };
}

/**
 * Client events through the real consume pipeline (contract validation, inbox, one transaction per
 * event) on the in-process bus and real Postgres: booking keeps the highest version of each client.
 */
describe('booking’s copy of clients from client events', () => {
  let testDb: TestDatabase;
  let running: RunningServices;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase('booking_client_projection');
    const config = loadRuntimeConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: testDb.url,
      AUTH_ISSUER: 'https://idp.careloop.test/',
      AUTH_JWKS_URL: 'https://idp.careloop.test/jwks.json',
      OUTBOX_POLL_MS: '50',
    });
    const service: ServiceDefinition = {
      ...bookingService,
      module: ClientProjectionOnly,
      usesScheduler: false,
    };
    running = await startServices([service], config);
    db = running.app.get(Database);
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    await testDb?.drop();
  });

  const publish = (...events: EventEnvelope[]) =>
    running.bus.inProcessBus!.publish(
      events.map((e) => ({
        topic: TOPICS.referrals,
        key: e.subjectId,
        value: JSON.stringify(e),
        headers: headersFor(e),
      })),
    );

  const handled = async (eventId: string) =>
    ((await db.dataSource.query(`SELECT 1 FROM booking.inbox WHERE event_id = $1`, [eventId])) as unknown[])
      .length === 1;

  const stored = async (clientId: string) => {
    const rows: {
      org_id: string;
      version: number;
      family_name: string;
      flags: ClientSnapshot['flags'];
      attendance_pattern: ClientSnapshot['attendancePattern'];
    }[] = await db.dataSource.query(
      `SELECT org_id, version, family_name, flags, attendance_pattern FROM booking.client WHERE client_id = $1`,
      [clientId],
    );
    return rows[0];
  };

  it('registers a client, then follows its updates: the organisation is the publishing CDAS', async () => {
    const clientId = randomUUID();
    const registered = aSnapshotEvent('client.registered.v1', clientId, 1, { orgId: NORTHGATE_CDAS });
    const updated = aSnapshotEvent('client.updated.v1', clientId, 2, {
      orgId: NORTHGATE_CDAS,
      data: {
        flags: {
          noFixedAbode: true,
          recentlyReleasedFromPrison: false,
          interpreterNeeded: false,
          interpreterLanguage: null,
        },
        attendancePattern: [{ day: 'thu', from: '13:00', to: '15:00' }],
      },
    });
    await publish(registered, updated);
    await eventually(async () => expect((await stored(clientId))?.version).toBe(2));
    expect(await stored(clientId)).toEqual({
      org_id: NORTHGATE_CDAS,
      version: 2,
      family_name: 'Taylor-v2',
      flags: expect.objectContaining({ noFixedAbode: true }),
      attendance_pattern: [{ day: 'thu', from: '13:00', to: '15:00' }],
    });
  });

  it('an older snapshot arriving late changes nothing; the newest one seen wins', async () => {
    const clientId = randomUUID();
    const v3 = aSnapshotEvent('client.updated.v1', clientId, 3);
    const v1 = aSnapshotEvent('client.registered.v1', clientId, 1);
    const v2 = aSnapshotEvent('client.updated.v1', clientId, 2);
    await publish(v3, v1, v2);
    await eventually(async () => expect(await handled(v2.id)).toBe(true));
    expect(await stored(clientId)).toMatchObject({ version: 3, family_name: 'Taylor-v3' });

    const v4 = aSnapshotEvent('client.updated.v1', clientId, 4);
    await publish(v4);
    await eventually(async () => expect(await stored(clientId)).toMatchObject({ version: 4 }));
    expect((await stored(clientId))!.family_name).toBe('Taylor-v4');
  });

  it('an invalid snapshot is dead-lettered and stores nothing', async () => {
    const invalidId = randomUUID();
    const invalid = aSnapshotEvent('client.registered.v1', invalidId, 1, {
      data: { dateOfBirth: 'not a date' },
    });
    await publish(invalid);
    await eventually(() =>
      expect(
        running.bus
          .inProcessBus!.messages(deadLetterTopic(TOPICS.referrals))
          .map((m) => m.headers['x-event-id']),
      ).toContain(invalid.id),
    );
    expect(await stored(invalidId)).toBeUndefined();
  });
});
