import type { EventPublisher } from '../event-publisher';
import type { IncomingMessage, OutgoingMessage } from '../outgoing-message';
import type { MessagingLogger } from '../messaging-logger';

type Deliver = (message: IncomingMessage) => Promise<unknown>;

interface Subscription {
  topics: Set<string>;
  deliver: Deliver;
  /** Next offset to deliver, per topic: each consumer group reads every topic in order, like Kafka. */
  offsets: Map<string, number>;
  draining: Promise<void> | undefined;
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

  constructor(private readonly logger?: MessagingLogger) {}

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
    const sub: Subscription = { topics: new Set(topics), deliver, offsets: new Map(), draining: undefined };
    this.subscriptions.set(group, sub);
    this.drain(sub);
  }

  unsubscribe(group: string): void {
    this.subscriptions.delete(group);
  }

  messages(topic: string): readonly IncomingMessage[] {
    return this.logs.get(topic) ?? [];
  }

  /** Resolves when every subscribed group has caught up with every topic. */
  async idle(): Promise<void> {
    for (;;) {
      const pending = [...this.subscriptions.values()].map((s) => s.draining).filter((p) => p !== undefined);
      if (pending.length === 0) return;
      await Promise.all(pending);
    }
  }

  async close(): Promise<void> {
    await this.idle();
  }

  private drain(sub: Subscription): void {
    if (sub.draining) return;
    sub.draining = (async () => {
      // Yield first: delivery is asynchronous, and `draining` must be set before the finally clears it.
      await Promise.resolve();
      try {
        for (let next = this.nextFor(sub); next; next = this.nextFor(sub)) {
          try {
            await sub.deliver(next);
          } catch (error) {
            // Only a failure to record a dead letter reaches here; retry on the next publish.
            this.logger?.error(
              { topic: next.topic, offset: next.offset, err: String(error) },
              'delivery failed',
            );
            return;
          }
          sub.offsets.set(next.topic, Number(next.offset) + 1);
        }
      } finally {
        sub.draining = undefined;
      }
    })();
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
