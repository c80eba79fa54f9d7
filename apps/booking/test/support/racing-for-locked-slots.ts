import type { QueryRunner } from 'typeorm';
import { eventually } from '@careloop/testing';
import type { BookingTestDatabase } from './booking-database';

/**
 * Starts the contenders while another transaction has an in-reach session's slots locked, waits until
 * each is queued on a lock (behind it or behind another contender), then lets them go: a real race for
 * the same rows, not one after the other. All start at once, or `inTurn`: each once the one before is
 * waiting, to arrange who holds which lock. The database needs a pool of a few connections.
 */
export async function racingForLockedSlots<T>(
  db: BookingTestDatabase,
  sessionId: string,
  contenders: readonly (() => Promise<T>)[],
  { inTurn = false }: { inTurn?: boolean } = {},
): Promise<T[]> {
  const blocker = db.dataSource.createQueryRunner();
  const waitingOnLocks = (n: number) =>
    eventually(async () => {
      const blocked: unknown[] = await db.dataSource.query(
        `SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0`,
      );
      expect(blocked).toHaveLength(n);
    });
  try {
    await lockSessionSlots(blocker, sessionId);
    const racing: Promise<T>[] = [];
    for (const contender of contenders) {
      racing.push(contender());
      if (inTurn) await waitingOnLocks(racing.length);
    }
    if (!inTurn) await waitingOnLocks(racing.length);
    await blocker.commitTransaction();
    return await Promise.all(racing);
  } finally {
    if (blocker.isTransactionActive) await blocker.rollbackTransaction();
    await blocker.release();
  }
}

/** Locks a session's slots in a transaction of its own (someone else at work on them). */
async function lockSessionSlots(runner: QueryRunner, sessionId: string): Promise<void> {
  await runner.connect();
  await runner.startTransaction();
  await runner.query(`SELECT 1 FROM booking.slot WHERE inreach_session_id = $1 ORDER BY id FOR UPDATE`, [
    sessionId,
  ]);
}
