import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

type Work = () => Promise<void>;

/** Query-runner slot holding the work to run once the transaction commits. */
const AFTER_COMMIT = 'careloopRemindersAfterCommit';

/**
 * Runs `work` once the transaction of `manager` has committed, and never if it rolls back: for side
 * effects outside Postgres (a BullMQ job) that must not exist before, or without, the rows they point
 * to. The commit waits for the work, so whoever committed sees its effect; the work must catch its own
 * errors (the rows are committed whatever it does).
 */
export function afterCommit(manager: EntityManager, work: Work): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive)
    throw new Error(
      "afterCommit needs the manager of an open transaction (the consumer's or the use case's)",
    );
  AfterCommitRunner.attach(manager.dataSource);
  const pending = (runner.data[AFTER_COMMIT] ??= []) as Work[];
  pending.push(work);
}

/** The data source's subscriber that runs the work of a transaction when its outermost level commits. */
class AfterCommitRunner implements EntitySubscriberInterface {
  static attach(dataSource: DataSource): void {
    if (!dataSource.subscribers.some((s) => s instanceof AfterCommitRunner))
      dataSource.subscribers.push(new AfterCommitRunner());
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    // A released savepoint commits nothing yet: wait for the outermost transaction.
    if (event.queryRunner.isTransactionActive) return;
    const pending = event.queryRunner.data[AFTER_COMMIT] as Work[] | undefined;
    delete event.queryRunner.data[AFTER_COMMIT];
    for (const work of pending ?? []) await work();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) delete event.queryRunner.data[AFTER_COMMIT];
  }
}
