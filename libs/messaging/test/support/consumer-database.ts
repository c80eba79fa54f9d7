import { Database } from '@careloop/persistence';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import { messagingTablesMigration } from '../../src';
import { CONSUMER, ProjectionTable1764400000100 } from './projection-consumer';

export const PRODUCER = 'producer_t';

/** A fresh real database holding the test producer's outbox and the test consumer's inbox and projection. */
export async function openConsumerDatabase(label: string): Promise<{ db: Database; testDb: TestDatabase }> {
  const testDb = await createTestDatabase(label);
  const db = await Database.open(
    { url: testDb.url, logger: { info: () => undefined, warn: () => undefined } },
    [
      { schema: PRODUCER, entities: [], migrations: [messagingTablesMigration(PRODUCER)] },
      {
        schema: CONSUMER,
        entities: [],
        migrations: [messagingTablesMigration(CONSUMER), ProjectionTable1764400000100],
      },
    ],
  );
  return { db, testDb };
}

export interface ProjectionRow {
  referral_id: string;
  instance: string;
  attempt: number;
  correlation_id: string | null;
  causation_id: string | null;
}

export async function projection(db: Database): Promise<ProjectionRow[]> {
  return db.dataSource.query(
    `SELECT "referral_id", "instance", "attempt", "correlation_id", "causation_id" FROM "${CONSUMER}"."projection" ORDER BY "id"`,
  );
}

export async function inboxIds(db: Database): Promise<string[]> {
  const rows: { event_id: string }[] = await db.dataSource.query(
    `SELECT "event_id" FROM "${CONSUMER}"."inbox"`,
  );
  return rows.map((r) => r.event_id);
}
