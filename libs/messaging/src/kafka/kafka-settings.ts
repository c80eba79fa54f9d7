import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Prepended to every topic; lets test files and environments share one broker without meeting. */
  topicPrefix?: string;
  /** Prepended to the consuming service's name to form its consumer group id. */
  groupPrefix?: string;
  /** Partitions for topics this service creates. */
  partitions?: number;
}

export function prefixedTopic(settings: KafkaSettings, topic: string): string {
  return `${settings.topicPrefix ?? ''}${topic}`;
}

export function unprefixedTopic(settings: KafkaSettings, topic: string): string {
  const prefix = settings.topicPrefix ?? '';
  return prefix && topic.startsWith(prefix) ? topic.slice(prefix.length) : topic;
}

export function groupIdFor(settings: KafkaSettings, consumer: string): string {
  return `${settings.groupPrefix ?? 'careloop.'}${consumer}`;
}

/**
 * Short client-side retries: the outbox relay and the consumer pipeline own retrying, so a broker
 * outage surfaces quickly instead of hanging a request for half a minute.
 */
export function createKafka(settings: KafkaSettings, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
    logLevel: logLevel.NOTHING,
    ...overrides,
  });
}
