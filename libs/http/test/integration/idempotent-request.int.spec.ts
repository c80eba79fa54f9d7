import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Database } from '@careloop/persistence';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import { idempotencyKeysMigration, runIdempotently } from '../../src';

class Thing1764400009000 implements MigrationInterface {
  name = 'Thing1764400009000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "idem_t"."thing" ("id" uuid PRIMARY KEY, "name" text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "idem_t"."thing"`);
  }
}

describe('creating requests with an Idempotency-Key on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase('idempotency');
    db = await Database.open({ url: testDb.url, logger: { info: () => undefined, warn: () => undefined } }, [
      {
        schema: 'idem_t',
        entities: [],
        migrations: [idempotencyKeysMigration('idem_t'), Thing1764400009000],
      },
    ]);
  });

  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  const createThing = (name: string, key: string, pauseMs = 0) =>
    db.transaction((manager) =>
      runIdempotently(manager, 'idem_t', { scope: 'org-1:create-thing', key, body: { name } }, async () => {
        const id = randomUUID();
        await manager.query(`INSERT INTO "idem_t"."thing" ("id", "name") VALUES ($1, $2)`, [id, name]);
        // Hold the transaction open so concurrent retries really overlap with it.
        if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
        return { id, name };
      }),
    );

  it('creates once for many concurrent retries and gives each the same answer', async () => {
    const key = randomUUID();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => createThing('inhaler review', key, i === 0 ? 300 : 0)),
    );
    expect(new Set(outcomes.map((o) => o.result.id)).size).toBe(1);
    expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
    const rows = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM "idem_t"."thing" WHERE "name" = 'inhaler review'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses the same key with a different body and changes nothing', async () => {
    const key = randomUUID();
    await createThing('first', key);
    await expect(createThing('second', key)).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      status: 422,
      message: expect.stringMatching(/different request/),
    });
    const rows = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM "idem_t"."thing" WHERE "name" = 'second'`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('forgets the key when the request that claimed it rolls back', async () => {
    const key = randomUUID();
    await expect(
      db.transaction((manager) =>
        runIdempotently(
          manager,
          'idem_t',
          { scope: 'org-1:create-thing', key, body: { name: 'x' } },
          async () => {
            throw new Error('validation failed after claiming the key');
          },
        ),
      ),
    ).rejects.toThrow('validation failed');
    const retry = await createThing('x', key);
    expect(retry.replayed).toBe(false);
  });
});
