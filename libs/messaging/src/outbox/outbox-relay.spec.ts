import { randomUUID } from 'node:crypto';
import { referralCreatedV1, TOPICS } from '@careloop/contracts';
import { Database } from '@careloop/persistence';
import { RecordingLogger, eventually } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import type { EventPublisher } from '../event-publisher';
import { InProcessBus } from '../in-process/in-process-bus';
import type { OutgoingMessage } from '../outgoing-message';
import { messagingTablesMigration } from './messaging-tables.migration';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

// Embedded mode: the same outbox and relay on PGlite, publishing to the in-process bus.
describe('the outbox relay on the embedded database', () => {
  let db: Database;
  const clock = new ManualClock(new Date('2026-11-02T09:00:00Z'));
  const outbox = new Outbox('producer', clock);

  const referral = () => {
    const referralId = randomUUID();
    return {
      subjectId: referralId,
      orgId: 'org-riverside-cdas',
      actor: { kind: 'user' as const, id: 'user-nurse' },
      data: {
        referralId,
        clientId: randomUUID(),
        destinationKind: 'inreach' as const,
        destinationName: 'Wound care clinic',
        urgency: 'urgent' as const,
        reason: 'Leg ulcer, spreading redness',
        createdBy: 'user-nurse',
      },
    };
  };

  beforeAll(async () => {
    db = await Database.open({ logger: { info: () => undefined, warn: () => undefined } }, [
      { schema: 'producer', entities: [], migrations: [messagingTablesMigration('producer')] },
    ]);
  }, 60_000);

  afterAll(async () => {
    await db.close();
  });

  it('publishes committed events in commit order, keyed by aggregate, and never a rolled-back one', async () => {
    const bus = new InProcessBus();
    const relay = new OutboxRelay(db.dataSource, 'producer', bus, new RecordingLogger());
    const first = await db.transaction((m) => outbox.add(m, referralCreatedV1, referral()));
    await expect(
      db.transaction(async (m) => {
        await outbox.add(m, referralCreatedV1, referral());
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');
    const second = await db.transaction((m) => outbox.add(m, referralCreatedV1, referral()));

    expect(await relay.publishBatch()).toBe(2);
    expect(await relay.publishBatch()).toBe(0);
    const published = bus.messages(TOPICS.referrals);
    expect(published.map((m) => JSON.parse(String(m.value)).id)).toEqual([first.id, second.id]);
    expect(published.map((m) => m.key)).toEqual([first.subjectId, second.subjectId]);
    expect(JSON.parse(String(published[0]!.value)).occurredAt).toBe('2026-11-02T09:00:00.000Z');
  });

  it('publishes as soon as the writing transaction commits, without waiting for the next poll', async () => {
    const bus = new InProcessBus();
    const relay = new OutboxRelay(db.dataSource, 'producer', bus, new RecordingLogger(), {
      idlePollMs: 60_000,
    });
    await relay.publishBatch(); // drain what earlier tests left
    relay.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 50)); // the relay is now asleep for a minute
      const event = await db.transaction((m) => outbox.add(m, referralCreatedV1, referral()));
      await eventually(
        () =>
          expect(bus.messages(TOPICS.referrals).map((m) => JSON.parse(String(m.value)).id)).toContain(
            event.id,
          ),
        { timeoutMs: 2_000 },
      );
    } finally {
      await relay.stop();
    }
  });

  it('keeps events whose publication failed and publishes them once the bus is back', async () => {
    let available = false;
    const sent: OutgoingMessage[] = [];
    const flaky: EventPublisher = {
      publish: async (messages) => {
        if (!available) throw new Error('broker unavailable');
        sent.push(...messages);
      },
      close: async () => undefined,
    };
    const relay = new OutboxRelay(db.dataSource, 'producer', flaky, new RecordingLogger(), {
      minBackoffMs: 1,
    });
    const event = await db.transaction((m) => outbox.add(m, referralCreatedV1, referral()));

    await expect(relay.publishBatch()).rejects.toThrow('broker unavailable');
    const [row] = await db.dataSource.query(
      `SELECT "attempts", "last_error", "published_at" FROM "producer"."outbox" WHERE "event_id" = $1`,
      [event.id],
    );
    expect(row).toMatchObject({ attempts: 1, published_at: null });
    expect(row.last_error).toContain('broker unavailable');

    available = true;
    await new Promise((resolve) => setTimeout(resolve, 5)); // past the 1 ms backoff
    expect(await relay.publishBatch()).toBe(1);
    expect(sent.map((m) => JSON.parse(m.value).id)).toEqual([event.id]);
  });
});
