import { DataSource, type EntityManager } from 'typeorm';
import { workThroughDueRows, WorkRowAgain, type DueRows } from '../../src';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// A table of jobs with a due date: a row is due when its date has come and it is not done.
const JOBS: Omit<DueRows, 'params'> = {
  table: '"work"."job"',
  due: `"due_on" <= $1::date AND NOT "done"`,
  orderBy: '"due_on", "id"',
  limit: 10,
  what: 'job(s) to do',
};
const TODAY = '2026-06-01';

describe('workThroughDueRows on real Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('due_rows');
    dataSource = new DataSource({ type: 'postgres', url: database.url, synchronize: false });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA "work"`);
    await dataSource.query(
      `CREATE TABLE "work"."job" ("id" text PRIMARY KEY, "due_on" date NOT NULL, "done" boolean NOT NULL DEFAULT false)`,
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });
  beforeEach(() => dataSource.query(`TRUNCATE "work"."job"`));

  async function jobs(...rows: [id: string, dueOn: string][]): Promise<void> {
    for (const [id, dueOn] of rows)
      await dataSource.query(`INSERT INTO "work"."job" ("id", "due_on") VALUES ($1, $2)`, [id, dueOn]);
  }
  const markDone = (manager: EntityManager, id: string) =>
    manager.query(`UPDATE "work"."job" SET "done" = true WHERE "id" = $1`, [id]);
  const doneIds = async () =>
    (
      (await dataSource.query(`SELECT "id" FROM "work"."job" WHERE "done" ORDER BY "id"`)) as { id: string }[]
    ).map((r) => r.id);

  it('works on the due rows only, oldest first and at most `limit`, and sums what the work returns', async () => {
    await jobs(['c', '2026-05-30'], ['a', '2026-05-31'], ['b', '2026-05-29'], ['later', '2026-06-02']);
    const seen: string[] = [];

    const total = await workThroughDueRows(
      dataSource,
      { ...JOBS, params: [TODAY], limit: 2 },
      async (manager, id) => {
        seen.push(id);
        await markDone(manager, id);
        return 5;
      },
    );

    expect(seen).toEqual(['b', 'c']);
    expect(total).toBe(10);
    expect(await doneIds()).toEqual(['b', 'c']);
  });

  it('rolls back a row whose work throws, still does the others, then reports every failure at once', async () => {
    await jobs(['a', '2026-05-01'], ['b', '2026-05-02'], ['c', '2026-05-03']);

    const running = workThroughDueRows(dataSource, { ...JOBS, params: [TODAY] }, async (manager, id) => {
      await markDone(manager, id);
      if (id !== 'b') throw new Error(`job ${id} broke`);
      return 1;
    });

    await expect(running).rejects.toThrow(new AggregateError([], '2 of 3 job(s) to do failed'));
    await expect(running).rejects.toMatchObject({
      errors: [
        expect.objectContaining({ message: 'job a broke' }),
        expect.objectContaining({ message: 'job c broke' }),
      ],
    });
    expect(await doneIds()).toEqual(['b']);
  });

  it('passes over a row another transaction holds, and one no longer due by its turn', async () => {
    await jobs(['a', '2026-05-01'], ['b', '2026-05-02'], ['c', '2026-05-03']);
    const other = dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      await other.query(`SELECT 1 FROM "work"."job" WHERE "id" = 'c' FOR UPDATE`);
      const seen: string[] = [];

      const total = await workThroughDueRows(
        dataSource,
        { ...JOBS, params: [TODAY] },
        async (manager, id) => {
          seen.push(id);
          // Doing a also finishes b, so b is no longer due when its turn comes.
          await manager.query(`UPDATE "work"."job" SET "done" = true WHERE "id" IN ('a', 'b')`);
          return 1;
        },
      );

      expect(seen).toEqual(['a']);
      expect(total).toBe(1);
    } finally {
      await other.rollbackTransaction();
      await other.release();
    }
  });
  it('works a row again in a new transaction when its work asks, keeping nothing of the try it gave up', async () => {
    await jobs(['a', '2026-05-01'], ['b', '2026-05-02']);
    const tries: string[] = [];
    const transactions = new Set<unknown>();

    const total = await workThroughDueRows(
      dataSource,
      { ...JOBS, params: [TODAY], again: 3 },
      async (manager, id) => {
        tries.push(id);
        transactions.add(manager.queryRunner);
        await markDone(manager, id);
        // a gives up twice, as when what it tried was taken meanwhile, after writing something more.
        if (id === 'a' && tries.length <= 2) {
          await manager.query(
            `INSERT INTO "work"."job" ("id", "due_on", "done") VALUES ($1, '2026-07-01', true)`,
            [`given-up-${tries.length}`],
          );
          throw new WorkRowAgain('taken meanwhile');
        }
        return 1;
      },
    );

    expect(tries).toEqual(['a', 'a', 'a', 'b']);
    expect(transactions.size).toBe(4);
    expect(total).toBe(2);
    expect(await doneIds()).toEqual(['a', 'b']);
  });

  it('counts a row that keeps asking to be worked again as failed once `again` is spent, 0 unless said', async () => {
    await jobs(['a', '2026-05-01'], ['b', '2026-05-02']);
    const tries: string[] = [];
    const restless = async (manager: EntityManager, id: string) => {
      tries.push(id);
      await markDone(manager, id);
      if (id === 'a') throw new WorkRowAgain('taken meanwhile');
      return 1;
    };

    await expect(
      workThroughDueRows(dataSource, { ...JOBS, params: [TODAY], again: 2 }, restless),
    ).rejects.toMatchObject({
      message: '1 of 2 job(s) to do failed',
      errors: [expect.objectContaining({ name: 'WorkRowAgain' })],
    });
    expect(tries).toEqual(['a', 'a', 'a', 'b']);
    expect(await doneIds()).toEqual(['b']);

    tries.length = 0;
    await expect(workThroughDueRows(dataSource, { ...JOBS, params: [TODAY] }, restless)).rejects.toThrow(
      '1 of 1 job(s) to do failed',
    );
    expect(tries).toEqual(['a']);
  });
});
