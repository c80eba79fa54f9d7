import { AssignerProtocol, type IHeaders } from 'kafkajs';
import { deadLetterTopic } from '@careloop/contracts';
import { testKafka, uniqueTestId, withKafkaAdmin } from '@careloop/testing';

/**
 * Redelivery across running services, on the real broker: read every message an environment's topics
 * hold, produce each again exactly as it was, and tell when the services' consumer groups have read
 * everything. The services' own topics and groups are named by the prefixes they were started with.
 */

/** One message as it sits in a topic: what a redelivery sends again. */
export interface StoredMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

/** The topics under the prefix, dead-letter topics apart. */
export async function topicsUnder(prefix: string): Promise<{ events: string[]; deadLetters: string[] }> {
  const names = (await withKafkaAdmin((admin) => admin.listTopics())).filter((t) => t.startsWith(prefix));
  const deadLetters = names.filter((t) => names.some((topic) => deadLetterTopic(topic) === t));
  return { events: names.filter((t) => !deadLetters.includes(t)).sort(), deadLetters: deadLetters.sort() };
}

/** The end offset (the next offset to be written) of every partition: `topic/partition` -> offset. */
export async function endOffsets(topics: readonly string[]): Promise<Record<string, number>> {
  return withKafkaAdmin(async (admin) => {
    const ends: Record<string, number> = {};
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) ends[`${topic}/${p.partition}`] = Number(p.high);
    }
    return ends;
  });
}

/** How many messages the topics hold (nothing is ever compacted or expired in a test's lifetime). */
export async function messagesIn(topics: readonly string[]): Promise<number> {
  return withKafkaAdmin(async (admin) => {
    let count = 0;
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) count += Number(p.high) - Number(p.low);
    }
    return count;
  });
}

/**
 * Every message the topics hold now, in partition order, read by a consumer group of its own (deleted
 * afterwards) from the beginning up to the end offsets found first.
 */
export async function readEveryMessage(
  topics: readonly string[],
  timeoutMs = 30_000,
): Promise<StoredMessage[]> {
  const ends = await endOffsets(topics);
  const remaining = new Set(
    Object.entries(ends)
      .filter(([, end]) => end > 0)
      .map(([tp]) => tp),
  );
  // Keyed by position: a message fetched twice is still one message.
  const read = new Map<string, StoredMessage>();
  const groupId = uniqueTestId('e2e-redelivery-reader');
  const consumer = testKafka().consumer({ groupId });
  let timer: NodeJS.Timeout | undefined;
  try {
    if (remaining.size > 0) {
      await consumer.connect();
      await consumer.subscribe({ topics: [...topics], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Still reading ${[...remaining].join(', ')} after ${timeoutMs} ms`)),
          timeoutMs,
        );
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ topic, partition, message }) => {
              const tp = `${topic}/${partition}`;
              const end = ends[tp] ?? 0;
              // Written after we started: not part of what is replayed.
              if (Number(message.offset) >= end) return;
              const { offset, key, value, headers } = message;
              read.set(`${tp}@${offset}`, { topic, partition, offset, key, value, headers: headers ?? {} });
              if (Number(offset) + 1 >= end) remaining.delete(tp);
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    }
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    await withKafkaAdmin((admin) => admin.deleteGroups([groupId])).catch(() => undefined);
  }
  return [...read.values()].sort(
    (a, b) =>
      a.topic.localeCompare(b.topic) || a.partition - b.partition || Number(a.offset) - Number(b.offset),
  );
}

/**
 * Produces the messages again, each to its own topic and partition with the same key, value and
 * headers, in the order given (acks from every replica): what a producer retrying, or a relay offering
 * its outbox again, would do.
 */
export async function produceAgain(messages: readonly StoredMessage[]): Promise<void> {
  const producer = testKafka().producer();
  await producer.connect();
  try {
    for (const topic of [...new Set(messages.map((m) => m.topic))]) {
      await producer.send({
        topic,
        acks: -1,
        messages: messages
          .filter((m) => m.topic === topic)
          .map(({ partition, key, value, headers }) => ({ partition, key, value, headers })),
      });
    }
  } finally {
    await producer.disconnect();
  }
}

/**
 * Where the consumer groups stand against `ends` (endOffsets): every partition of the topics their
 * members are assigned whose committed offset is short of its end, and every group that is not stable
 * with topics assigned (between rebalances, its service stopped, or never started). Empty when every
 * group has read everything.
 */
export async function consumerLag(
  groupIds: readonly string[],
  ends: Record<string, number>,
): Promise<string[]> {
  return withKafkaAdmin(async (admin) => {
    const lag: string[] = [];
    for (const group of (await admin.describeGroups([...groupIds])).groups) {
      const assigned = new Set<string>();
      for (const member of group.members) {
        const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
        for (const topic of Object.keys(decoded?.assignment ?? {})) assigned.add(topic);
      }
      if (group.state !== 'Stable' || assigned.size === 0) {
        lag.push(`${group.groupId} is ${group.state} with ${assigned.size} topics assigned`);
        continue;
      }
      const committed = await admin.fetchOffsets({ groupId: group.groupId, topics: [...assigned] });
      for (const { topic, partitions } of committed) {
        for (const p of partitions) {
          const end = ends[`${topic}/${p.partition}`] ?? 0;
          const at = Math.max(0, Number(p.offset));
          if (at < end) lag.push(`${group.groupId} ${topic}/${p.partition} at ${at} of ${end}`);
        }
      }
    }
    return lag;
  });
}
