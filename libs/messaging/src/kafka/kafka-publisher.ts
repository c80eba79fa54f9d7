import type { Kafka, Producer } from 'kafkajs';
import type { EventPublisher } from '../event-publisher';
import type { OutgoingMessage } from '../outgoing-message';
import { ensureTopics } from './kafka-topics';
import { createKafka, prefixedTopic, type KafkaSettings } from './kafka-settings';

/**
 * Publishes with acks from all in-sync replicas. Producer idempotence is not relied on: the outbox
 * may publish a row twice after a crash, and every consumer's inbox makes that harmless.
 */
export class KafkaPublisher implements EventPublisher {
  private producer: Producer | undefined;
  private connecting: Promise<Producer> | undefined;
  readonly kafka: Kafka;

  constructor(private readonly settings: KafkaSettings) {
    this.kafka = createKafka(settings);
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connect();
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const m of messages) {
      const batch = byTopic.get(m.topic);
      if (batch) batch.push(m);
      else byTopic.set(m.topic, [m]);
    }
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, batch]) => ({
          topic: prefixedTopic(this.settings, topic),
          messages: batch.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        })),
      });
    } catch (error) {
      // Start from a fresh connection next time: after a broker restart the old one may be dead.
      await this.reset();
      throw error;
    }
  }

  /** Connects and creates the topics now rather than at the first publish (fail fast at boot). */
  async prepare(): Promise<void> {
    await this.connect();
  }

  async close(): Promise<void> {
    await this.reset();
  }

  private connect(): Promise<Producer> {
    if (this.producer) return Promise.resolve(this.producer);
    this.connecting ??= (async () => {
      try {
        await ensureTopics(this.kafka, this.settings);
        const producer = this.kafka.producer({ allowAutoTopicCreation: false });
        await producer.connect();
        this.producer = producer;
        return producer;
      } finally {
        this.connecting = undefined;
      }
    })();
    return this.connecting;
  }

  private async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}
