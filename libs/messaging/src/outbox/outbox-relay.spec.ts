import { randomUUID } from 'node:crypto';
import { referralCreatedV1, TOPICS, type EventEnvelope } from '@careloop/contracts';
import { Database } from '@careloop/persistence';
import { RecordingLogger, eventually } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { EventDispatcher } from '../consumer/event-dispatcher';
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

  const referral = (referralId = randomUUID()) => {
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
      { schema: 'consumer_a', entities: [], migrations: [messagingTablesMigration('consumer_a')] },
      { schema: 'consumer_b', entities: [], migrations: [messagingTablesMigration('consumer_b')] },
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

  const flakyPublisher = () => {
    const state = { available: false, sent: [] as OutgoingMessage[] };
    const publisher: EventPublisher = {
      publish: async (messages) => {
        if (!state.available) throw new Error('broker unavailable');
        state.sent.push(...messages);
      },
      close: async () => undefined,
    };
    return { state, publisher };
  };

  it('keeps events whose publication failed and publishes them once the bus is back', async () => {
    const { state, publisher } = flakyPublisher();
    const relay = new OutboxRelay(db.dataSource, 'producer', publisher, new RecordingLogger());
    await drain(relay, state);
    const event = await db.transaction((m) => outbox.add(m, referralCreatedV1, referral()));

    await expect(relay.publishBatch()).rejects.toThrow('broker unavailable');
    const [row] = await db.dataSource.query(
      `SELECT "attempts", "last_error", "published_at" FROM "producer"."outbox" WHERE "event_id" = $1`,
      [event.id],
    );
    expect(row).toMatchObject({ attempts: 1, published_at: null });
    expect(row.last_error).toContain('broker unavailable');

    state.available = true;
    expect(await relay.publishBatch()).toBe(1);
    expect(state.sent.map((m) => JSON.parse(m.value).id)).toEqual([event.id]);
  });

  it('never lets events written after a failed publish overtake the ones that failed', async () => {
    const { state, publisher } = flakyPublisher();
    // A long backoff: were it kept per row, the failed row would still be waiting below.
    const relay = new OutboxRelay(db.dataSource, 'producer', publisher, new RecordingLogger(), {
      minBackoffMs: 60_000,
      maxBackoffMs: 60_000,
    });
    await drain(relay, state);
    const referralId = randomUUID();
    const first = await db.transaction((m) => outbox.add(m, referralCreatedV1, referral(referralId)));
    await expect(relay.publishBatch()).rejects.toThrow('broker unavailable');
    const second = await db.transaction((m) => outbox.add(m, referralCreatedV1, referral(referralId)));

    state.available = true;
    state.sent.length = 0;
    while ((await relay.publishBatch()) > 0);
    expect(state.sent.map((m) => JSON.parse(m.value).id)).toEqual([first.id, second.id]);
  });

  it('offers the outbox again after a restart, so an event the old bus lost still reaches its consumers', async () => {
    const logger = new RecordingLogger();
    const applied = { consumer_a: [] as string[], consumer_b: [] as string[] };
    const consume = (bus: InProcessBus, consumer: keyof typeof applied) => {
      const dispatcher = new EventDispatcher(
        {
          consumer,
          topics: [TOPICS.referrals],
          handlers: new Map([
            [
              referralCreatedV1.type,
              async (envelope: unknown) => void applied[consumer].push((envelope as EventEnvelope).id),
            ],
          ]),
        },
        db.dataSource,
        bus,
        clock,
        logger,
        { maxAttempts: 1, backoffMs: 1 },
      );
      bus.subscribe(consumer, [TOPICS.referrals], (m) => dispatcher.dispatch(m));
    };

    // Before the restart: published to the bus, consumed by A, but the process stops before B ran.
    const before = new InProcessBus();
    await new OutboxRelay(db.dataSource, 'producer', before, logger).publishBatch();
    consume(before, 'consumer_a');
    const event = await db.transaction((m) => outbox.add(m, referralCreatedV1, referral()));
    expect(await new OutboxRelay(db.dataSource, 'producer', before, logger).publishBatch()).toBe(1);
    await before.idle();
    expect(applied.consumer_a).toContain(event.id);
    await before.unsubscribe('consumer_a');

    // After the restart: an empty bus, a relay that offers everything again.
    const after = new InProcessBus();
    const relay = new OutboxRelay(db.dataSource, 'producer', after, logger, { republishOnStart: true });
    consume(after, 'consumer_a');
    consume(after, 'consumer_b');
    relay.start();
    try {
      await eventually(async () => {
        const [{ n }] = await db.dataSource.query(
          `SELECT count(*)::int AS n FROM "producer"."outbox" WHERE "published_at" IS NULL`,
        );
        expect(n).toBe(0);
        await after.idle();
        expect(applied.consumer_b).toContain(event.id);
      });
    } finally {
      await relay.stop();
    }
    expect(applied.consumer_b.filter((id) => id === event.id)).toHaveLength(1);
    // A had applied it before the restart: its inbox turns the replay away.
    expect(applied.consumer_a.filter((id) => id === event.id)).toHaveLength(1);
    // The whole outbox was offered again, in commit order.
    const inSeqOrder: { event_id: string }[] = await db.dataSource.query(
      `SELECT "event_id" FROM "producer"."outbox" ORDER BY "seq"`,
    );
    expect(after.messages(TOPICS.referrals).map((m) => JSON.parse(String(m.value)).id)).toEqual(
      inSeqOrder.map((r) => r.event_id),
    );
  });
});

/** Publishes whatever earlier tests left, so a test sees only its own events. */
async function drain(relay: OutboxRelay, state: { available: boolean; sent: unknown[] }): Promise<void> {
  const available = state.available;
  state.available = true;
  while ((await relay.publishBatch()) > 0);
  state.available = available;
  state.sent.length = 0;
}
