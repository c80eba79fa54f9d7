import type { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { bookingService } from '@careloop/booking';
import { Database } from '@careloop/persistence';
import { createTestDatabase, startServiceProcess, startTestIdentityProvider } from '@careloop/testing';
import type { Schedule } from '../../apps/booking/src/schedule/schedule.entity';
import { aBookingClient, aSchedule, aSlotOn } from '../../apps/booking/test/support/booking-fixtures';
import type { Cleanup } from '../events/cleanup';
import { quietPersistenceLogger } from '../events/logger';
import { progress } from './progress';

const ISSUER = 'https://idp.bench.careloop.test/';
export const BENCH_CDAS = 'org-bench-riverside-cdas';
const BENCH_HOSPITAL = 'org-bench-st-elsewhere';
const SLOT_MINUTES = 20;

/** What both paths book against: one database, one schedule, the same clients. */
export interface BookingWorld {
  /** Base URL of the booking service. */
  url: string;
  databaseUrl: string;
  databaseName: string;
  /** The bench's own small pool: set-up rows and the final check, never the measured paths. */
  dataSource: DataSource;
  clientIds: string[];
  /** A drug worker's bearer token per client, as if each client had their own keyworker at the desk. */
  tokens: string[];
  /** Fresh capacity-1 slots of the one schedule, each at a later time than any before. */
  freshSlots(count: number): Promise<string[]>;
}

/**
 * The booking service as deployed: its own process (`apps/booking/src/main.ts`), real Postgres on a
 * fresh database, bearer tokens verified against a JWKS identity provider; no Kafka or Redis, so
 * events go to the in-process bus and timers to the in-process scheduler. The provider's
 * organisation, site and schedule, the slots and the clients are written with the booking test
 * fixtures: booking learns clients from events, and the set-up is not what is measured.
 */
export async function startBookingWorld(clients: number, cleanup: Cleanup): Promise<BookingWorld> {
  const testDb = await createTestDatabase('bench_booking');
  cleanup.defer('drop database', () => testDb.drop());
  const idp = await startTestIdentityProvider({ issuer: ISSUER });
  cleanup.defer('stop identity provider', () => idp.close());

  const service = await startServiceProcess('booking', {
    LOG_LEVEL: 'info',
    DATABASE_URL: testDb.url,
    AUTH_ISSUER: idp.issuer,
    AUTH_JWKS_URL: idp.jwksUrl,
  });
  cleanup.defer('stop booking service', async () => {
    const exit = await service.stop();
    const warnings = service.logEntries().filter((e) => e.level === 'warn' || e.level === 'error');
    for (const entry of warnings.slice(0, 5)) progress(`booking logged: ${JSON.stringify(entry)}`);
    if (exit.code !== 0 && exit.signal !== 'SIGTERM') progress(`booking exited with ${JSON.stringify(exit)}`);
  });
  progress(`booking service (pid ${service.pid}) at ${service.url} on database ${testDb.name}`);

  // The service has migrated the schema: this pool only writes fixtures and reads the check.
  const db = await Database.open(
    { url: testDb.url, applicationName: 'bench-booking-setup', poolSize: 2, logger: quietPersistenceLogger },
    [bookingService.database],
  );
  cleanup.defer('close set-up pool', () => db.close());

  const schedule = await db.transaction((manager) =>
    aSchedule(manager, { orgId: BENCH_HOSPITAL, orgKind: 'hospital', name: 'Bench respiratory clinic' }),
  );
  const clientIds = await db.transaction(async (manager) => {
    const ids: string[] = [];
    for (let i = 0; i < clients; i += 1)
      ids.push((await aBookingClient(manager, { orgId: BENCH_CDAS })).clientId);
    return ids;
  });
  const tokens = await Promise.all(clientIds.map((_, i) => idp.tokenFor(aDrugWorker(i))));
  progress(`${clients} clients of ${BENCH_CDAS}, one drug worker token each`);

  return {
    url: service.url,
    databaseUrl: testDb.url,
    databaseName: testDb.name,
    dataSource: db.dataSource,
    clientIds,
    tokens,
    freshSlots: slotMaker(db, schedule),
  };
}

function aDrugWorker(i: number): Principal {
  return {
    userId: `bench-worker-${i}`,
    name: `Bench Worker ${i}`,
    roles: ['drug_worker'],
    orgId: BENCH_CDAS,
    orgKind: 'cdas',
    siteIds: [],
  };
}

/** Slots back to back from tomorrow, so every round's slots are new, future and at distinct times. */
function slotMaker(db: Database, schedule: Schedule): (count: number) => Promise<string[]> {
  const first = Math.ceil((Date.now() + 24 * 3_600_000) / 3_600_000) * 3_600_000;
  let made = 0;
  return (count) =>
    db.transaction(async (manager) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const startsAt = new Date(first + (made + i) * SLOT_MINUTES * 60_000).toISOString();
        ids.push((await aSlotOn(manager, schedule, { startsAt, minutes: SLOT_MINUTES, capacity: 1 })).id);
      }
      made += count;
      return ids;
    });
}
