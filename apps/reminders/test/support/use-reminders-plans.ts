import type { DynamicModule, Type } from '@nestjs/common';
import { createTestDatabase, deleteRedisKeys, uniqueRedisPrefix, type TestDatabase } from '@careloop/testing';
import type { Clock } from '@careloop/time';
import { startRemindersPlans, type RemindersPlansHarness } from './plan-fixtures';

export interface RemindersPlansUnderTest extends Omit<RemindersPlansHarness, 'close'> {
  /** The spec's own database, for another process to share. */
  readonly databaseUrl: string;
  /** The spec's own BullMQ key prefix on the real Redis (with `redis`), for another process to share. */
  readonly redisPrefix: string;
}

export interface UseRemindersPlansOptions {
  /** Label of the spec's own database. */
  database: string;
  /** Label of the spec's own BullMQ keys on the real Redis; without it, the in-process scheduler. */
  redis?: string;
  clock: Clock;
  /** The modules under test (remindersPlansWith(...)); the projections and plans alone by default. */
  module?: Type | DynamicModule;
  /** More runtime settings, worked out at start: after the spec's earlier beforeAll (a fake gateway). */
  env?: () => Record<string, string> | Promise<Record<string, string>>;
}

/**
 * startRemindersPlans on the spec's own database (and Redis keys): started before the spec's tests and
 * stopped, database dropped and keys deleted, after them. Call it after the beforeAll that starts what
 * `env` names and before those that use the service.
 */
export function useRemindersPlans(options: UseRemindersPlansOptions): RemindersPlansUnderTest {
  let testDb: TestDatabase | undefined;
  let redisPrefix: string | undefined;
  let h: RemindersPlansHarness | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase(options.database);
    if (options.redis) redisPrefix = uniqueRedisPrefix(options.redis);
    h = await startRemindersPlans({
      databaseUrl: testDb.url,
      clock: options.clock,
      redisPrefix,
      module: options.module,
      env: await options.env?.(),
    });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await testDb?.drop();
    if (redisPrefix) await deleteRedisKeys(redisPrefix);
  });

  const started = () => {
    if (!h || !testDb) throw new Error('Reminders did not start (see the beforeAll failure)');
    return h;
  };

  return {
    get running() {
      return started().running;
    },
    get dataSource() {
      return started().dataSource;
    },
    get scheduler() {
      return started().scheduler;
    },
    get databaseUrl() {
      started();
      return testDb!.url;
    },
    get redisPrefix() {
      if (!redisPrefix) throw new Error('Reminders run on the in-process scheduler here: no Redis prefix');
      return redisPrefix;
    },
    publish: (...events) => started().publish(...events),
    reminders: (appointmentId) => started().reminders(appointmentId),
    job: (reminderId) => started().job(reminderId),
    sweepDone: () => started().sweepDone(),
  };
}
