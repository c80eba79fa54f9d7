import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { Consumer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { deadLetterTopic, TOPICS } from '@careloop/contracts';
import { RecordingLogger, kafkaBrokers, testKafka, uniqueTestId } from '@careloop/testing';
import { SystemClock } from '@careloop/time';
import {
  InProcessBus,
  InProcessEventTransport,
  KafkaEventTransport,
  KafkaPublisher,
  startEventTransport,
  decodeHeaders,
  type EventPublisher,
  type IncomingMessage,
  type KafkaSettings,
} from '../../src';
import { ProjectionConsumerModule } from './projection-consumer';

/** One bus implementation under test: the same behavioural tests run on Kafka and in-process. */
export interface TransportUnderTest {
  readonly name: string;
  /** Produces raw messages onto the bus, as any producer (or a broken one) could. */
  readonly publisher: EventPublisher;
  startConsumer(dataSource: DataSource, instance: string): Promise<RunningConsumer>;
  deadLetters(): IncomingMessage[];
  close(): Promise<void>;
}

export interface RunningConsumer {
  transport: Server & CustomTransportStrategy;
  app: INestApplication;
  logger: RecordingLogger;
}

/** A hybrid app, as services run: the transport attached to an HTTP application. */
async function startMicroservice(strategy: Server & CustomTransportStrategy, instance: string) {
  const app = await NestFactory.create(ProjectionConsumerModule.forInstance(instance), { logger: false });
  await startEventTransport(app, strategy);
  await app.init();
  return app;
}

export function kafkaTransport(): TransportUnderTest {
  const id = uniqueTestId('msg');
  const settings: KafkaSettings = {
    brokers: kafkaBrokers(),
    clientId: id,
    topicPrefix: `${id}.`,
    groupPrefix: `${id}.`,
    partitions: 3,
  };
  const publisher = new KafkaPublisher(settings);
  const dead: IncomingMessage[] = [];
  let dlqConsumer: Consumer | undefined;
  const running: RunningConsumer[] = [];
  return {
    name: 'kafka',
    publisher,
    async startConsumer(dataSource, instance) {
      const logger = new RecordingLogger();
      const transport = new KafkaEventTransport({
        settings,
        dataSource,
        clock: new SystemClock(),
        logger,
        retry: { maxAttempts: 3, backoffMs: 20 },
      });
      const app = await startMicroservice(transport, instance);
      await transport.whenJoined();
      if (!dlqConsumer) {
        dlqConsumer = testKafka().consumer({ groupId: `${id}.dlq-reader` });
        await dlqConsumer.connect();
        await dlqConsumer.subscribe({
          topic: `${settings.topicPrefix}${deadLetterTopic(TOPICS.referrals)}`,
          fromBeginning: true,
        });
        await dlqConsumer.run({
          eachMessage: async ({ topic, partition, message }) => {
            dead.push({
              topic,
              partition,
              offset: message.offset,
              key: message.key?.toString() ?? null,
              value: message.value,
              headers: decodeHeaders(message.headers),
            });
          },
        });
      }
      const consumer = { transport, app, logger };
      running.push(consumer);
      return consumer;
    },
    deadLetters: () => dead,
    async close() {
      await Promise.all(running.map((r) => r.app.close()));
      await dlqConsumer?.disconnect();
      await publisher.close();
    },
  };
}

export function inProcessTransport(): TransportUnderTest {
  const bus = new InProcessBus({ debug() {}, info() {}, warn() {}, error: (f, m) => console.error(m, f) });
  const running: RunningConsumer[] = [];
  return {
    name: 'in-process',
    publisher: bus,
    async startConsumer(dataSource, instance) {
      const logger = new RecordingLogger();
      const transport = new InProcessEventTransport({
        bus,
        dataSource,
        clock: new SystemClock(),
        logger,
        retry: { maxAttempts: 3, backoffMs: 20 },
      });
      const app = await startMicroservice(transport, instance);
      const consumer = { transport, app, logger };
      running.push(consumer);
      return consumer;
    },
    deadLetters: () => [...bus.messages(deadLetterTopic(TOPICS.referrals))],
    async close() {
      await Promise.all(running.map((r) => r.app.close()));
    },
  };
}

export { kafkaBrokers };
