import { randomUUID } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import { referralCreatedV1, TOPICS } from '@careloop/contracts';
import { runWithCorrelation } from '@careloop/observability';
import type { Database } from '@careloop/persistence';
import {
  RecordingLogger,
  eventually,
  kafkaBrokers,
  startKafkaBroker,
  stopKafkaBroker,
  testKafka,
  uniqueTestId,
  type TestDatabase,
} from '@careloop/testing';
import { SystemClock } from '@careloop/time';
import { HEADERS, KafkaPublisher, Outbox, OutboxRelay, type KafkaSettings } from '../../src';
import { openConsumerDatabase, PRODUCER } from '../support/consumer-database';

interface Received {
  key: string;
  id: string;
  headers: Record<string, string>;
}

describe('the outbox relay publishing to Kafka', () => {
  let db: Database;
  let testDb: TestDatabase;
  let settings: KafkaSettings;
  let publisher: KafkaPublisher;
  let relay: OutboxRelay;
  let reader: Consumer;
  const received: Received[] = [];
  const outbox = new Outbox(PRODUCER, new SystemClock());

  const newReferral = (referralId = randomUUID()) => ({
    subjectId: referralId,
    orgId: 'org-riverside-cdas',
    actor: { kind: 'user' as const, id: 'user-drug-worker' },
    data: {
      referralId,
      clientId: randomUUID(),
      destinationKind: 'gp' as const,
      destinationName: 'Hillside Surgery',
      urgency: 'routine' as const,
      reason: 'Leg ulcer review',
      createdBy: 'user-drug-worker',
    },
  });

  beforeAll(async () => {
    ({ db, testDb } = await openConsumerDatabase('relay'));
    const id = uniqueTestId('relay');
    settings = { brokers: kafkaBrokers(), clientId: id, topicPrefix: `${id}.`, partitions: 3 };
    publisher = new KafkaPublisher(settings);
    relay = new OutboxRelay(db.dataSource, PRODUCER, publisher, new RecordingLogger(), {
      idlePollMs: 50,
      minBackoffMs: 100,
      maxBackoffMs: 1000,
    });
    await publisher.prepare(); // creates the topics, so the reader can subscribe before anything is sent
    reader = testKafka().consumer({ groupId: `${id}.reader` });
    await reader.connect();
    await reader.subscribe({ topic: `${settings.topicPrefix}${TOPICS.referrals}`, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
        received.push({
          key: message.key!.toString(),
          id: JSON.parse(message.value!.toString()).id,
          headers,
        });
      },
    });
    relay.start();
  });

  afterAll(async () => {
    await relay.stop();
    await reader.disconnect();
    await publisher.close();
    await db.close();
    await testDb.drop();
  });

  it('publishes each committed event once and never a rolled-back one', async () => {
    const committed: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const envelope = await db.dataSource.transaction((m) =>
        outbox.add(m, referralCreatedV1, newReferral()),
      );
      committed.push(envelope.id);
    }
    let rolledBack: string | undefined;
    await expect(
      db.dataSource.transaction(async (m) => {
        rolledBack = (await outbox.add(m, referralCreatedV1, newReferral())).id;
        throw new Error('the use case failed after writing its event');
      }),
    ).rejects.toThrow('the use case failed');

    await eventually(() => expect(received.map((r) => r.id)).toEqual(expect.arrayContaining(committed)));
    // Give the relay several more polls: nothing is published twice.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const id of committed) expect(received.filter((r) => r.id === id)).toHaveLength(1);
    expect(received.map((r) => r.id)).not.toContain(rolledBack);
    const unpublished = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM "${PRODUCER}"."outbox" WHERE "published_at" IS NULL`,
    );
    expect(unpublished[0].n).toBe(0);
  });

  it('keys messages by aggregate id and carries correlation and causation ids in headers', async () => {
    const referralId = randomUUID();
    const envelope = await runWithCorrelation({ correlationId: 'corr-abc', causationId: 'cause-123' }, () =>
      db.dataSource.transaction((m) => outbox.add(m, referralCreatedV1, newReferral(referralId))),
    );
    const message = await eventually(() => {
      const found = received.find((r) => r.id === envelope.id);
      expect(found).toBeDefined();
      return found!;
    });
    expect(message.key).toBe(referralId);
    expect(message.headers[HEADERS.correlationId]).toBe('corr-abc');
    expect(message.headers[HEADERS.causationId]).toBe('cause-123');
    expect(message.headers[HEADERS.eventType]).toBe('referral.created.v1');
  });

  it('refuses to write an event outside a transaction or with data that breaks the contract', async () => {
    await expect(outbox.add(db.dataSource.manager, referralCreatedV1, newReferral())).rejects.toThrow(
      /open transaction/,
    );
    const bad = { ...newReferral(), data: { ...newReferral().data, urgency: 'whenever' as never } };
    await expect(db.dataSource.transaction((m) => outbox.add(m, referralCreatedV1, bad))).rejects.toThrow(
      /urgency/,
    );
  });

  it('delivers events written while the broker was down once it is back, losing none and in order', async () => {
    // One aggregate: its events must reach consumers in the order they were written, however many
    // publishes failed in between.
    const referralId = randomUUID();
    const write = async () =>
      (await db.dataSource.transaction((m) => outbox.add(m, referralCreatedV1, newReferral(referralId)))).id;
    const failedRows = async () =>
      (
        await db.dataSource.query(
          `SELECT count(*)::int AS n FROM "${PRODUCER}"."outbox" WHERE "published_at" IS NULL AND "attempts" > 0`,
        )
      )[0].n as number;
    // A backoff longer than the outage: a relay that backed off per row would publish the event
    // written after the restart (below) before the older ones, which still wait out their backoff.
    await relay.stop();
    relay = new OutboxRelay(db.dataSource, PRODUCER, publisher, new RecordingLogger(), {
      idlePollMs: 50,
      minBackoffMs: 60_000,
      maxBackoffMs: 60_000,
    });
    relay.start();
    await stopKafkaBroker();
    const written: string[] = [];
    try {
      for (let i = 0; i < 5; i += 1) written.push(await write());
      // The relay keeps trying while the broker is away and records why.
      await eventually(async () => expect(await failedRows()).toBeGreaterThan(0));
      // More events after a failed publish: they must not overtake the ones that failed.
      for (let i = 0; i < 5; i += 1) written.push(await write());
    } finally {
      await startKafkaBroker();
    }
    written.push(await write()); // and one right after the broker is back; its commit wakes the relay
    await eventually(() => expect(received.map((r) => r.id)).toEqual(expect.arrayContaining(written)), {
      timeoutMs: 90_000,
    });
    const arrived = received.filter((r) => r.key === referralId).map((r) => r.id);
    // At least once: a retried batch may repeat rows; the first arrival of each must be in order.
    expect([...new Set(arrived)]).toEqual(written);
  }, 240_000);
});
