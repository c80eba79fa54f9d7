import type { EventPublisher } from '../event-publisher';
import type { IncomingMessage, OutgoingMessage } from '../outgoing-message';
import type { MessagingLogger } from '../messaging-logger';

type Deliver = (message: IncomingMessage) => Promise<unknown>;

export interface InProcessBusOptions {
  /** After a failed delivery the group tries again after this delay, doubling up to maxRetryDelayMs. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

interface Subscription {
  topics: Set<string>;
  deliver: Deliver;
  /** Next offset to deliver, per topic: each consumer group reads every topic in order, like Kafka. */
  offsets: Map<string, number>;
  draining: Promise<void> | undefined;
  /** Set by unsubscribe: the drain loop stops after the delivery in flight. */
  stopped: boolean;
  failures: number;
  retryTimer: NodeJS.Timeout | undefined;
}

/**
 * The embedded-mode bus: each topic is an append-only log in memory with one partition, and each
 * consumer group has its own offsets, starting at the beginning. Delivery is asynchronous and in
 * order per topic, so handlers see the same semantics as on Kafka. Dead letters are just messages on
 * `<topic>.dlq`, readable with `messages()`.
 */
export class InProcessBus implements EventPublisher {
  private readonly logs = new Map<string, IncomingMessage[]>();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;

  constructor(
    private readonly logger?: MessagingLogger,
    options: InProcessBusOptions = {},
  ) {
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    for (const m of messages) {
      const log = this.logs.get(m.topic) ?? [];
      log.push({
        topic: m.topic,
        partition: 0,
        offset: String(log.length),
        key: m.key,
        value: m.value,
        headers: { ...m.headers },
      });
      this.logs.set(m.topic, log);
    }
    for (const sub of this.subscriptions.values()) this.drain(sub);
  }

  subscribe(group: string, topics: string[], deliver: Deliver): void {
    if (this.subscriptions.has(group)) throw new Error(`Consumer group ${group} is already subscribed`);
    const sub: Subscription = {
      topics: new Set(topics),
      deliver,
      offsets: new Map(),
      draining: undefined,
      stopped: false,
      failures: 0,
      retryTimer: undefined,
    };
    this.subscriptions.set(group, sub);
    this.drain(sub);
  }

  /**
   * Stops delivering to the group. Resolves once the delivery in flight, if any, has finished, so the
   * caller can close the database behind it.
   */
  async unsubscribe(group: string): Promise<void> {
    const sub = this.subscriptions.get(group);
    if (!sub) return;
    this.subscriptions.delete(group);
    sub.stopped = true;
    clearTimeout(sub.retryTimer);
    await sub.draining;
  }

  messages(topic: string): readonly IncomingMessage[] {
    return this.logs.get(topic) ?? [];
  }

  /** Resolves when every subscribed group has caught up, or is waiting to retry a failed delivery. */
  async idle(): Promise<void> {
    for (;;) {
      const pending = [...this.subscriptions.values()].map((s) => s.draining).filter((p) => p !== undefined);
      if (pending.length === 0) return;
      await Promise.all(pending);
    }
  }

  async close(): Promise<void> {
    await this.idle();
    for (const sub of this.subscriptions.values()) clearTimeout(sub.retryTimer);
  }

  private drain(sub: Subscription): void {
    if (sub.draining || sub.stopped) return;
    clearTimeout(sub.retryTimer);
    sub.retryTimer = undefined;
    sub.draining = (async () => {
      // Yield first: delivery is asynchronous, and `draining` must be set before the finally clears it.
      await Promise.resolve();
      try {
        for (let next = this.nextFor(sub); next && !sub.stopped; next = this.nextFor(sub)) {
          try {
            await sub.deliver(next);
          } catch (error) {
            // The dispatcher asked for a redelivery (database down) or could not write a dead letter.
            this.scheduleRetry(sub, next, error);
            return;
          }
          sub.failures = 0;
          sub.offsets.set(next.topic, Number(next.offset) + 1);
        }
      } finally {
        sub.draining = undefined;
      }
    })();
  }

  /** Like a Kafka consumer restarting: try the same message again later, without waiting for a publish. */
  private scheduleRetry(sub: Subscription, message: IncomingMessage, error: unknown): void {
    sub.failures += 1;
    const delayMs = Math.min(this.maxRetryDelayMs, this.retryDelayMs * 2 ** (sub.failures - 1));
    this.logger?.error(
      { topic: message.topic, offset: message.offset, err: String(error), retryInMs: delayMs },
      'delivery failed',
    );
    if (sub.stopped) return;
    sub.retryTimer = setTimeout(() => this.drain(sub), delayMs);
    sub.retryTimer.unref();
  }

  private nextFor(sub: Subscription): IncomingMessage | undefined {
    for (const topic of sub.topics) {
      const log = this.logs.get(topic);
      const offset = sub.offsets.get(topic) ?? 0;
      if (log && offset < log.length) return log[offset];
    }
    return undefined;
  }
}
