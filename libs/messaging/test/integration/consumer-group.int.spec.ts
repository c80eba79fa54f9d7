import { AssignerProtocol } from 'kafkajs';
import { TOPICS } from '@careloop/contracts';
import type { Database } from '@careloop/persistence';
import { aReferralCreatedEvent, eventually, withKafkaAdmin, type TestDatabase } from '@careloop/testing';
import { headersFor, groupIdFor, type KafkaEventTransport } from '../../src';
import { CONSUMER } from '../support/projection-consumer';
import { openConsumerDatabase, projection } from '../support/consumer-database';
import { kafkaTransport, type TransportUnderTest } from '../support/transports';

describe('two instances of a consuming service in one Kafka consumer group', () => {
  let bus: TransportUnderTest;
  let db: Database;
  let testDb: TestDatabase;

  beforeAll(async () => {
    ({ db, testDb } = await openConsumerDatabase('consumer_group'));
    bus = kafkaTransport();
  });

  afterAll(async () => {
    await bus.close();
    await db.close();
    await testDb.drop();
  });

  it('share the partitions and process every event exactly once', async () => {
    const first = await bus.startConsumer(db.dataSource, 'first');
    await bus.startConsumer(db.dataSource, 'second');
    const settings = (first.transport as KafkaEventTransport)['options'].settings;
    const topic = `${settings.topicPrefix}${TOPICS.referrals}`;
    // Wait for the rebalance that hands the second instance its share of the three partitions. The
    // inbox would hide a partition read by both, so check the assignment itself: disjoint, complete.
    const assigned = await eventually(
      async () => {
        const { groups } = await withKafkaAdmin((admin) =>
          admin.describeGroups([groupIdFor(settings, CONSUMER)]),
        );
        expect(groups[0]?.state).toBe('Stable');
        expect(groups[0]?.members).toHaveLength(2);
        const partitions = groups[0]!.members.map(
          (m) => AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment[topic] ?? [],
        );
        expect(partitions.every((p) => p.length > 0)).toBe(true);
        return partitions;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const all = assigned.flat().sort();
    expect(all).toEqual([0, 1, 2]); // every partition, none twice
    expect(new Set(all).size).toBe(all.length);

    const events = Array.from({ length: 60 }, () => aReferralCreatedEvent());
    await bus.publisher.publish(
      events.map((e) => ({
        topic: TOPICS.referrals,
        key: e.subjectId,
        value: JSON.stringify(e),
        headers: headersFor(e),
      })),
    );

    const rows = await eventually(
      async () => {
        const r = await projection(db);
        expect(r).toHaveLength(60);
        return r;
      },
      { timeoutMs: 60_000 },
    );
    expect(new Set(rows.map((r) => r.referral_id))).toEqual(new Set(events.map((e) => e.data.referralId)));
    const byInstance = new Set(rows.map((r) => r.instance));
    expect(byInstance).toEqual(new Set(['first', 'second']));
  });
});
