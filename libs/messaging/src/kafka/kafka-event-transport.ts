import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { Consumer, Kafka } from 'kafkajs';
import { deadLetterTopic } from '@careloop/contracts';
import { decodeHeaders } from '../headers';
import { EventDispatcher } from '../consumer/event-dispatcher';
import { groupHandlersByConsumer } from '../consumer/handler-registry';
import { DEFAULT_RETRY, type EventTransportOptions } from '../consumer/event-transport-options';
import { KafkaPublisher } from './kafka-publisher';
import { ensureTopics } from './kafka-topics';
import {
  createKafka,
  groupIdFor,
  prefixedTopic,
  unprefixedTopic,
  type KafkaSettings,
} from './kafka-settings';

export interface KafkaEventTransportOptions extends EventTransportOptions {
  settings: KafkaSettings;
  /** Partitions of one consumer handled in parallel (order within a partition is always kept). */
  partitionsConsumedConcurrently?: number;
}

/**
 * NestJS custom transport: handlers are ordinary `@ConsumeEvent` (`@EventPattern`) methods. One Kafka
 * consumer group per consuming service found among the handlers; each message goes through the shared
 * dispatcher, which never throws for a bad message, so the offset always moves on.
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  private readonly kafka: Kafka;
  private readonly consumers: Consumer[] = [];
  private readonly deadLetters: KafkaPublisher;
  private joined: Promise<void>[] = [];

  constructor(private readonly options: KafkaEventTransportOptions) {
    super();
    this.kafka = createKafka(options.settings);
    this.deadLetters = new KafkaPublisher(options.settings);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Resolves once every consumer group has joined and received its partitions. */
  whenJoined(): Promise<void> {
    return Promise.all(this.joined).then(() => undefined);
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.disconnect().catch(() => undefined)));
    await this.deadLetters.close();
  }

  on(): never {
    throw new Error('KafkaEventTransport has no event listeners');
  }

  unwrap<T>(): T {
    return this.consumers as T;
  }

  private async start(): Promise<void> {
    const { settings, dataSource, clock, logger } = this.options;
    const retry = { ...DEFAULT_RETRY, ...this.options.retry };
    const groups = groupHandlersByConsumer(this.getHandlers());
    const topics = [...new Set(groups.flatMap((g) => g.topics))];
    await ensureTopics(
      this.kafka,
      settings,
      topics.flatMap((t) => [t, deadLetterTopic(t)]),
    );
    for (const group of groups) {
      const consumer = this.kafka.consumer({
        groupId: groupIdFor(settings, group.consumer),
        allowAutoTopicCreation: false,
        sessionTimeout: 30000,
        heartbeatInterval: 3000,
      });
      this.consumers.push(consumer);
      this.joined.push(
        new Promise((resolve) => {
          const off = consumer.on(consumer.events.GROUP_JOIN, () => {
            off();
            resolve();
          });
        }),
      );
      await consumer.connect();
      await consumer.subscribe({
        topics: group.topics.map((t) => prefixedTopic(settings, t)),
        fromBeginning: true,
      });
      const dispatcher = new EventDispatcher(
        group,
        dataSource,
        this.deadLetters,
        clock,
        logger,
        retry,
        this.options.metrics,
      );
      await consumer.run({
        // Order holds within a partition whatever this is; across partitions, handle them in parallel.
        partitionsConsumedConcurrently:
          this.options.partitionsConsumedConcurrently ?? settings.partitions ?? 3,
        eachMessage: async ({ topic, partition, message, heartbeat }) => {
          await dispatcher.dispatch(
            {
              topic: unprefixedTopic(settings, topic),
              partition,
              offset: message.offset,
              key: message.key?.toString() ?? null,
              value: message.value,
              headers: decodeHeaders(message.headers),
            },
            heartbeat,
          );
        },
      });
    }
  }
}
