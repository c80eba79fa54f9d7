import type { Kafka } from 'kafkajs';
import type { CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { DataSource } from 'typeorm';
import {
  InProcessBus,
  InProcessEventTransport,
  KafkaEventTransport,
  KafkaPublisher,
  pingKafka,
  type EventPublisher,
  type KafkaSettings,
  type MessagingLogger,
  type MessagingMetrics,
} from '@careloop/messaging';
import type { Clock } from '@careloop/time';
import type { RuntimeConfig } from '../runtime-config';

/** The bus configuration picked: Kafka when brokers are configured, otherwise in-process. */
export interface EventBusAdapter {
  kind: 'kafka' | 'in-process';
  publisher: EventPublisher;
  createTransport(
    dataSource: DataSource,
    clock: Clock,
    logger: MessagingLogger,
    metrics: MessagingMetrics,
  ): Server & CustomTransportStrategy;
  /** Connects and creates the topics up front (a real broker only). */
  prepare?: () => Promise<void>;
  /** Readiness check for a real broker; none for the in-process bus. */
  ping?: () => Promise<void>;
  /** The in-process bus, for inspection in embedded mode. */
  inProcessBus?: InProcessBus;
}

export function createEventBusAdapter(
  config: RuntimeConfig,
  clientId: string,
  logger: MessagingLogger,
): EventBusAdapter {
  if (!config.KAFKA_BROKERS || config.KAFKA_BROKERS.length === 0) {
    const bus = new InProcessBus(logger);
    return {
      kind: 'in-process',
      publisher: bus,
      inProcessBus: bus,
      createTransport: (dataSource, clock, log, metrics) =>
        new InProcessEventTransport({ bus, dataSource, clock, logger: log, metrics }),
    };
  }
  const settings: KafkaSettings = {
    brokers: config.KAFKA_BROKERS,
    clientId,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    groupPrefix: config.KAFKA_GROUP_PREFIX,
  };
  const publisher = new KafkaPublisher(settings);
  const kafka: Kafka = publisher.kafka;
  return {
    kind: 'kafka',
    publisher,
    createTransport: (dataSource, clock, log, metrics) =>
      new KafkaEventTransport({ settings, dataSource, clock, logger: log, metrics }),
    prepare: () => publisher.prepare(),
    ping: () => pingKafka(kafka),
  };
}
