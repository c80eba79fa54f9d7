import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Database,
  revertLastMigration,
  runMigrations,
  type DatabaseOptions,
  type PersistenceLogger,
  type ServiceSchema,
} from '../../src';
import { createTestDatabase } from '../support/test-database';
import { brokenService, counterService, itemService } from '../fixtures/counter-service';

const quietLogger: PersistenceLogger = { info: () => undefined, warn: () => undefined };

interface Mode {
  name: string;
  embedded: boolean;
  /** Storage shared by every Database opened in this file for the mode (fresh database / data directory). */
  start(): Promise<{ options: DatabaseOptions; stop(): Promise<void> }>;
}

const modes: Mode[] = [
  {
    name: 'real Postgres',
    embedded: false,
    start: async () => {
      const database = await createTestDatabase('persistence');
      return {
        options: { url: database.url, applicationName: 'careloop-persistence-test', logger: quietLogger },
        stop: database.drop,
      };
    },
  },
  {
    name: 'embedded PGlite',
    embedded: true,
    start: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'careloop-pglite-'));
      return {
        options: { embeddedDataDir: dir, logger: quietLogger },
        stop: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
];

describe.each(modes)('Database on $name', (mode) => {
  let options: DatabaseOptions;
  let stop: () => Promise<void>;
  let schemaCount = 0;
  // Every test migrates its own schemas, so tests never see each other's tables.
  const freshSchema = (): string => `t${++schemaCount}_${Date.now().toString(36)}`;

  beforeAll(async () => {
    ({ options, stop } = await mode.start());
  });
  afterAll(() => stop());

  async function withDatabase<T>(services: ServiceSchema[], work: (db: Database) => Promise<T>): Promise<T> {
    const db = await Database.open(options, services);
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }

  const tablesIn = (db: Database, schema: string): Promise<string[]> =>
    db.dataSource
      .query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [
        schema,
      ])
      .then((rows: { table_name: string }[]) => rows.map((row) => row.table_name));

  const appliedMigrations = (db: Database, schema: string): Promise<string[]> =>
    db.dataSource
      .query(`SELECT name FROM "${schema}"."migrations" ORDER BY id`)
      .then((rows: { name: string }[]) => rows.map((row) => row.name));

  it('reports its mode and answers a ping', async () => {
    await withDatabase([], async (db) => {
      expect(db.embedded).toBe(mode.embedded);
      await expect(db.ping()).resolves.toBeUndefined();
    });
  });

  it("creates the service's tables in its own schema and records the migrations there", async () => {
    const service = counterService(freshSchema());
    await withDatabase([service], async (db) => {
      expect(await tablesIn(db, service.schema)).toEqual(['counters', 'migrations']);
      expect(await appliedMigrations(db, service.schema)).toEqual([
        'CreateCounters1767225600000',
        'AddCounterNote1767312000000',
      ]);
      const counters = db.dataSource.getRepository(service.counter);
      await counters.save({ id: 'a', value: 1, note: 'hello' });
      expect(await counters.findOneByOrFail({ id: 'a' })).toEqual({ id: 'a', value: 1, note: 'hello' });
    });
  });

  it('does nothing when migrations run again, and keeps the data', async () => {
    const service = counterService(freshSchema());
    await withDatabase([service], (db) =>
      db.dataSource.getRepository(service.counter).save({ id: 'kept', value: 7, note: null }),
    );

    expect(await runMigrations(options, [service])).toEqual([{ schema: service.schema, executed: [] }]);
    await withDatabase([service], async (db) => {
      expect(await appliedMigrations(db, service.schema)).toHaveLength(2);
      expect(
        await db.dataSource.getRepository(service.counter).findOneByOrFail({ id: 'kept' }),
      ).toMatchObject({ value: 7 });
    });
  });

  it('keeps a separate migrations table for each service sharing the Database', async () => {
    const counters = counterService(freshSchema());
    const items = itemService(freshSchema());
    await withDatabase([counters, items], async (db) => {
      expect(await appliedMigrations(db, counters.schema)).toEqual([
        'CreateCounters1767225600000',
        'AddCounterNote1767312000000',
      ]);
      expect(await appliedMigrations(db, items.schema)).toEqual(['CreateItems1767225600000']);
      expect(await tablesIn(db, 'public')).not.toContain('migrations');
      // One runtime DataSource serves both services' entities.
      const saved = await db.dataSource.getRepository(items.item).save({ label: 'first' });
      expect(saved.id).toEqual(expect.any(Number));
      await db.dataSource.getRepository(counters.counter).save({ id: 'x', value: 0, note: null });
    });
  });

  it('reverts the last migration with its down, and the next run re-applies it', async () => {
    const service = counterService(freshSchema());
    await runMigrations(options, [service]);

    expect(await revertLastMigration(options, service)).toBe('AddCounterNote1767312000000');
    // Inspect without listing the service, which would migrate it again.
    await withDatabase([], async (db) => {
      const columns: { column_name: string }[] = await db.dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'counters' ORDER BY ordinal_position`,
        [service.schema],
      );
      expect(columns.map((column) => column.column_name)).toEqual(['id', 'value']);
      expect(await appliedMigrations(db, service.schema)).toEqual(['CreateCounters1767225600000']);
    });

    expect(await runMigrations(options, [service])).toEqual([
      { schema: service.schema, executed: ['AddCounterNote1767312000000'] },
    ]);
  });

  it('has nothing to revert for a schema that was never migrated', async () => {
    expect(await revertLastMigration(options, counterService(freshSchema()))).toBeUndefined();
  });

  it('refuses to open when a migration fails, leaving nothing of that migration behind', async () => {
    const schema = freshSchema();
    await expect(Database.open(options, [brokenService(schema)])).rejects.toThrow(/no_such_table/);
    await withDatabase([counterService(schema)], async (db) => {
      expect(await tablesIn(db, schema)).toEqual(['counters', 'migrations']);
      expect(await appliedMigrations(db, schema)).toHaveLength(2);
    });
  });

  it('rolls back everything a failed transaction wrote and keeps what a committed one wrote', async () => {
    const service = counterService(freshSchema());
    await withDatabase([service], async (db) => {
      await db.transaction((manager) =>
        manager.getRepository(service.counter).save({ id: 'committed', value: 1, note: null }),
      );
      await expect(
        db.transaction(async (manager) => {
          await manager.getRepository(service.counter).save({ id: 'rolled-back', value: 2, note: null });
          await manager.getRepository(service.counter).update({ id: 'committed' }, { value: 99 });
          throw new Error('use case failed');
        }),
      ).rejects.toThrow('use case failed');
      expect(await db.dataSource.getRepository(service.counter).find({ order: { id: 'ASC' } })).toEqual([
        { id: 'committed', value: 1, note: null },
      ]);
    });
  });

  it('runs a transaction at the requested isolation level', async () => {
    await withDatabase([], async (db) => {
      const [row] = await db.transaction((manager) => manager.query(`SHOW transaction_isolation`), {
        isolationLevel: 'SERIALIZABLE',
      });
      expect(row).toEqual({ transaction_isolation: 'serializable' });
    });
  });

  it('accepts SELECT ... FOR UPDATE SKIP LOCKED (the outbox relay query)', async () => {
    const service = counterService(freshSchema());
    await withDatabase([service], async (db) => {
      await db.dataSource.getRepository(service.counter).save([
        { id: 'a', value: 1, note: null },
        { id: 'b', value: 2, note: null },
      ]);
      const claimed = await db.transaction((manager) =>
        manager.query(
          `SELECT id FROM "${service.schema}"."counters" ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        ),
      );
      expect(claimed).toEqual([{ id: 'a' }]);
    });
  });

  it('fails a ping once closed, and closing twice is harmless', async () => {
    const db = await Database.open(options, []);
    await db.close();
    await expect(db.close()).resolves.toBeUndefined();
    await expect(db.ping()).rejects.toThrow();
  });
});

describe('Database in embedded mode (in memory)', () => {
  it('says it serialises transactions and never loses a concurrent read-modify-write', async () => {
    const lines: string[] = [];
    const service = counterService('counting');
    const db = await Database.open(
      { logger: { info: (line) => lines.push(line), warn: (line) => lines.push(line) } },
      [service],
    );
    try {
      expect(lines.some((line) => /transactions are serialised/.test(line))).toBe(true);
      await db.dataSource.getRepository(service.counter).save({ id: 'hits', value: 0, note: null });

      // Read, yield, write back: without serialisation (READ COMMITTED, no row lock) updates would be lost.
      const increments = 40;
      await Promise.all(
        Array.from({ length: increments }, () =>
          db.transaction(async (manager) => {
            const counters = manager.getRepository(service.counter);
            const current = await counters.findOneByOrFail({ id: 'hits' });
            await new Promise((resolve) => setTimeout(resolve, 1));
            await counters.update({ id: 'hits' }, { value: current.value + 1 });
          }),
        ),
      );
      expect(
        await db.dataSource.getRepository(service.counter).findOneByOrFail({ id: 'hits' }),
      ).toMatchObject({ value: increments });
    } finally {
      await db.close();
    }
  });
});
