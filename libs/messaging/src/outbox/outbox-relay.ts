import type { DataSource } from 'typeorm';
import type { EventPublisher } from '../event-publisher';
import type { OutgoingMessage } from '../outgoing-message';
import { assertSchemaName } from '@careloop/persistence';
import type { MessagingLogger } from '../messaging-logger';
import { NO_MESSAGING_METRICS, type MessagingMetrics } from '../messaging-metrics';
import { OutboxCommitWaker } from './outbox-commit-waker';

export interface OutboxRelayOptions {
  batchSize?: number;
  /** How long to sleep when the outbox is empty. */
  idlePollMs?: number;
  /** Backoff after a failed publish doubles from this up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  metrics?: MessagingMetrics;
  /**
   * On start, mark every row unpublished again so the whole outbox is offered anew, in order. For a bus
   * that forgets on restart (the in-process bus) with a database that does not (a kept embedded data
   * directory): an event accepted by the old bus but not yet consumed would otherwise be lost. The
   * consumers' inboxes drop what they had already applied.
   */
  republishOnStart?: boolean;
}

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  payload: unknown;
  headers: Record<string, string>;
}

/**
 * Publishes committed outbox rows in commit order. One relay per schema is active at a time (an
 * advisory lock), so two instances of a service never reorder one aggregate's events; rows are also
 * claimed with FOR UPDATE SKIP LOCKED. A failed publish leaves the rows unpublished and the whole relay
 * backs off; every pass starts again from the oldest unpublished row, so rows written during an outage
 * can never overtake the ones that failed. Nothing is lost while the broker is down.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  /** Set by wake() while a pass runs, so the loop goes round again instead of sleeping. */
  private wakeRequested = false;
  private unregisterWaker: (() => void) | undefined;
  private readonly batchSize: number;
  private readonly idlePollMs: number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private consecutiveFailures = 0;
  private readonly metrics: MessagingMetrics;
  private readonly republishOnStart: boolean;
  private republished = false;

  constructor(
    private readonly dataSource: DataSource,
    readonly schema: string,
    private readonly publisher: EventPublisher,
    private readonly logger: MessagingLogger,
    options: OutboxRelayOptions = {},
  ) {
    assertSchemaName(schema);
    this.batchSize = options.batchSize ?? 200;
    this.idlePollMs = options.idlePollMs ?? 100;
    this.minBackoffMs = options.minBackoffMs ?? 200;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.metrics = options.metrics ?? NO_MESSAGING_METRICS;
    this.republishOnStart = options.republishOnStart ?? false;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unregisterWaker = OutboxCommitWaker.attach(this.dataSource).register(this);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unregisterWaker?.();
    this.wakeUp?.();
    await this.loop;
  }

  /** Ask for an immediate pass, e.g. right after a transaction that wrote events committed. */
  wake(): void {
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  /** Marks every row of the outbox unpublished, so the next passes offer all of it again in order. */
  async republishAll(): Promise<number> {
    const [, affected] = (await this.dataSource.query(
      `UPDATE "${this.schema}"."outbox" SET "published_at" = NULL WHERE "published_at" IS NOT NULL`,
    )) as [unknown, number];
    return affected;
  }

  /** One pass: publishes up to one batch. Returns how many rows were published. */
  async publishBatch(): Promise<number> {
    let published = 0;
    let failure: unknown;
    await this.dataSource.transaction(async (manager) => {
      const [lock] = (await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS "locked"`, [
        `careloop.outbox.${this.schema}`,
      ])) as { locked: boolean }[];
      if (!lock?.locked) return;
      const rows = (await manager.query(
        `SELECT "seq", "topic", "message_key", "payload", "headers"
           FROM "${this.schema}"."outbox"
          WHERE "published_at" IS NULL
          ORDER BY "seq"
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      )) as OutboxRow[];
      if (rows.length === 0) return;
      const seqs = rows.map((r) => r.seq);
      try {
        await this.publisher.publish(rows.map(toMessage));
      } catch (error) {
        // Bookkeeping only: the backoff is the relay's (run), never per row, which would let rows
        // written later overtake these.
        await manager.query(
          `UPDATE "${this.schema}"."outbox" SET "attempts" = "attempts" + 1, "last_error" = $2
            WHERE "seq" = ANY($1::bigint[])`,
          [seqs, errorText(error)],
        );
        // Commit the bookkeeping, then report the failure outside the transaction.
        for (const topic of new Set(rows.map((r) => r.topic))) this.metrics.publishFailed(topic);
        failure = error ?? new Error('publish failed');
        return;
      }
      await manager.query(
        `UPDATE "${this.schema}"."outbox" SET "published_at" = now() WHERE "seq" = ANY($1::bigint[])`,
        [seqs],
      );
      published = rows.length;
      for (const row of rows) this.metrics.published(row.topic, 1);
    });
    if (failure !== undefined) throw failure;
    return published;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        if (this.republishOnStart && !this.republished) {
          // Before any publish: a row published first and offered again later would arrive out of order.
          const count = await this.republishAll();
          this.republished = true;
          this.logger.info({ schema: this.schema, count }, 'outbox offered again from the start');
        }
        published = await this.publishBatch();
        this.consecutiveFailures = 0;
      } catch (error) {
        this.consecutiveFailures += 1;
        this.logger.warn(
          { err: errorText(error), schema: this.schema, failures: this.consecutiveFailures },
          'outbox publish failed; will retry',
        );
      }
      if (!this.running) break;
      if (published === this.batchSize) continue;
      const delay =
        this.consecutiveFailures > 0
          ? Math.min(this.maxBackoffMs, this.minBackoffMs * 2 ** (this.consecutiveFailures - 1))
          : this.idlePollMs;
      await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.wakeRequested && this.consecutiveFailures === 0) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wakeUp?.(), ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.wakeRequested = false;
        resolve();
      };
    });
  }
}

function toMessage(row: OutboxRow): OutgoingMessage {
  return {
    topic: row.topic,
    key: row.message_key,
    value: JSON.stringify(row.payload),
    headers: row.headers,
  };
}

export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
