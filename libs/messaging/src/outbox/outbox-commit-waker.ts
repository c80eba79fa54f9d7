import type {
  DataSource,
  EntitySubscriberInterface,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

/** Query-runner flag set by Outbox.add in the transaction that wrote events. */
export const OUTBOX_WRITTEN = 'careloopOutboxWritten';

/**
 * Wakes the relays of this process right after a transaction that wrote events commits, so an event
 * is published in milliseconds rather than after the next poll. Writers in other processes are still
 * picked up by polling.
 */
export class OutboxCommitWaker implements EntitySubscriberInterface {
  private readonly relays = new Set<{ wake(): void }>();

  static attach(dataSource: DataSource): OutboxCommitWaker {
    const existing = dataSource.subscribers.find(
      (s): s is OutboxCommitWaker => s instanceof OutboxCommitWaker,
    );
    if (existing) return existing;
    const waker = new OutboxCommitWaker();
    dataSource.subscribers.push(waker);
    return waker;
  }

  register(relay: { wake(): void }): () => void {
    this.relays.add(relay);
    return () => this.relays.delete(relay);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!event.queryRunner.data[OUTBOX_WRITTEN]) return;
    delete event.queryRunner.data[OUTBOX_WRITTEN];
    for (const relay of this.relays) relay.wake();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    delete event.queryRunner.data[OUTBOX_WRITTEN];
  }
}
