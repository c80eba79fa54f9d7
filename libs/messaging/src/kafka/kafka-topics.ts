import type { Kafka } from 'kafkajs';
import { TOPICS, deadLetterTopic } from '@careloop/contracts';
import { prefixedTopic, type KafkaSettings } from './kafka-settings';

/** Every service topic and its dead-letter topic: the broker does not create topics on its own. */
export function allTopics(): string[] {
  return Object.values(TOPICS).flatMap((t) => [t, deadLetterTopic(t)]);
}

export async function ensureTopics(kafka: Kafka, settings: KafkaSettings, topics: string[] = allTopics()) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.map((t) => prefixedTopic(settings, t)).filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: settings.partitions ?? 3,
        replicationFactor: 1,
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

/** Readiness: the broker answers and knows its cluster. */
export async function pingKafka(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}
