/**
 * Smoke test for the local Kafka broker (run `npm run infra:up` first):
 * a unique 3-partition topic, keyed messages with headers, a consumer group that reads them all
 * and commits its offsets, then the topic is deleted.
 *
 * The restart test takes the shared broker down: the integration tier runs in band for that reason.
 */
import type { Consumer, KafkaMessage, Producer } from 'kafkajs';
import {
  createTopics,
  deleteTopics,
  kafkaBrokers,
  startKafkaBroker,
  stopKafkaBroker,
  testKafka,
  uniqueTestId,
  withKafkaAdmin,
} from '../../src/kafka';

interface Received {
  partition: number;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

function decode(partition: number, message: KafkaMessage): Received {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    headers[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return {
    partition,
    key: message.key?.toString() ?? null,
    value: message.value?.toString() ?? null,
    headers,
  };
}

async function consumeAll(
  consumer: Consumer,
  topic: string,
  expected: number,
  timeoutMs = 30000,
): Promise<Received[]> {
  const received: Received[] = [];
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`only ${received.length}/${expected} messages arrived within ${timeoutMs}ms`)),
      timeoutMs,
    );
    void consumer
      .run({
        eachMessage: async ({ partition, message }) => {
          received.push(decode(partition, message));
          if (received.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  return received;
}

describe('local Kafka broker (kafkajs 2.2.4)', () => {
  const topic = uniqueTestId('smoke');
  const groupId = uniqueTestId('smoke-group');
  const kafka = testKafka(uniqueTestId('smoke-client'));
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    await createTopics([topic], 3);
  });

  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    await deleteTopics([topic]);
  });

  it('answers describeCluster and created the topic with 3 partitions', async () => {
    await withKafkaAdmin(async (admin) => {
      const cluster = await admin.describeCluster();
      expect(cluster.brokers).toHaveLength(1);
      expect(`${cluster.brokers[0]?.host}:${cluster.brokers[0]?.port}`).toBe(kafkaBrokers()[0]);
      const meta = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(meta.topics[0]?.partitions).toHaveLength(3);
    });
  });

  it('delivers keyed messages with headers to a consumer group and commits offsets', async () => {
    const keys = ['referral-1', 'referral-2', 'referral-3', 'referral-4', 'referral-5', 'referral-6'];
    const sent = keys.flatMap((key) =>
      [1, 2].map((n) => ({
        key,
        value: JSON.stringify({ key, n }),
        headers: { 'x-event-type': 'referrals.referral-created', 'x-event-version': '1', 'x-seq': String(n) },
      })),
    );

    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const acks = await producer.send({ topic, acks: -1, messages: sent });
    expect(acks.every((a) => a.errorCode === 0)).toBe(true);

    consumer = kafka.consumer({
      groupId,
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
      allowAutoTopicCreation: false,
    });
    await consumer.connect();
    const received = await consumeAll(consumer, topic, sent.length);

    expect(received).toHaveLength(sent.length);
    for (const msg of sent) {
      const got = received.find((r) => r.value === msg.value);
      expect(got).toBeDefined();
      expect(got?.key).toBe(msg.key);
      expect(got?.headers).toEqual(msg.headers);
    }
    // Same key, same partition, in send order.
    for (const key of keys) {
      const forKey = received.filter((r) => r.key === key);
      expect(new Set(forKey.map((r) => r.partition)).size).toBe(1);
      expect(forKey.map((r) => r.headers['x-seq'])).toEqual(['1', '2']);
    }

    await consumer.disconnect(); // commits the consumed offsets
    consumer = undefined;
    await withKafkaAdmin(async (admin) => {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committed = (offsets?.partitions ?? []).reduce(
        (sum, p) => sum + Math.max(0, Number(p.offset)),
        0,
      );
      expect(committed).toBe(sent.length);
      await admin.deleteGroups([groupId]);
    });
  });
});

describe('local Kafka broker restart', () => {
  it('keeps topics and messages across stopKafkaBroker() / startKafkaBroker()', async () => {
    const topic = uniqueTestId('restart');
    await createTopics([topic], 3);
    const kafka = testKafka();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'before-restart' }] });
    await producer.disconnect();

    await stopKafkaBroker();
    await startKafkaBroker();

    const consumer = kafka.consumer({ groupId: uniqueTestId('restart-group') });
    await consumer.connect();
    try {
      const received = await consumeAll(consumer, topic, 1);
      expect(received[0]?.value).toBe('before-restart');
      expect(received[0]?.key).toBe('k');
    } finally {
      await consumer.disconnect();
      await deleteTopics([topic]);
    }
  }, 240_000);
});
