import type { DataSource, QueryRunner } from 'typeorm';

/**
 * A reminder's send lock: a Postgres session advisory lock keyed by the reminder id, held on one
 * connection for a whole run of its job (both transactions and the gateway call). A second run of
 * the same reminder (a duplicate or deferred job) waits for the first and then sees its outcome,
 * instead of finding its text `sending` between the two transactions and taking it for a dead
 * attempt. It dies with the connection, so a text left `sending` with no holder certainly belongs
 * to a run that died.
 */
export const sendLock = {
  async holding<T>(
    dataSource: DataSource,
    reminderId: string,
    work: (runner: QueryRunner) => Promise<T>,
  ): Promise<T> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    const key = `reminders.send:${reminderId}`;
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [key]);
    } catch (error) {
      await runner.release();
      throw error;
    }
    let unlockFailed: unknown;
    try {
      return await work(runner);
    } finally {
      try {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [key]);
      } catch (error) {
        unlockFailed = error;
      }
      // A connection that could not unlock must not go back to the pool still holding the lock.
      if (unlockFailed) await discard(runner, unlockFailed);
      else await runner.release();
    }
  },
};

/**
 * Releases the runner's connection telling the pool it is broken, so it is closed, not reused (pg-pool
 * destroys a client released with an error). TypeORM's Postgres runner does this for connection
 * errors; its method is not in the QueryRunner interface.
 */
async function discard(runner: QueryRunner, error: unknown): Promise<void> {
  const postgres = runner as unknown as { releasePostgresConnection?: (err: Error) => Promise<void> };
  if (typeof postgres.releasePostgresConnection !== 'function') return runner.release();
  await postgres.releasePostgresConnection(error instanceof Error ? error : new Error(String(error)));
}
