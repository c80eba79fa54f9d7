import { TOPICS, type EventEnvelope } from '@careloop/contracts';
import { aReferralCreatedEvent, eventually, type TestDatabase } from '@careloop/testing';
import type { Database } from '@careloop/persistence';
import { DLQ_HEADERS, HEADERS, headersFor, type OutgoingMessage } from '../../src';
import { BEHAVIOUR, CONSUMER, OUTAGE_ATTEMPTS, outageFailures } from '../support/projection-consumer';
import { inboxIds, openConsumerDatabase, projection } from '../support/consumer-database';
import { inProcessTransport, kafkaTransport, type TransportUnderTest } from '../support/transports';

function asMessage(envelope: EventEnvelope | Record<string, unknown>, key = 'k'): OutgoingMessage {
  const headers =
    'id' in envelope && typeof envelope.id === 'string' ? headersFor(envelope as EventEnvelope) : {};
  return { topic: TOPICS.referrals, key, value: JSON.stringify(envelope), headers };
}

describe.each([
  ['kafka', kafkaTransport],
  ['in-process', inProcessTransport],
])('consuming events over the %s transport', (_name, makeTransport) => {
  let bus: TransportUnderTest;
  let db: Database;
  let testDb: TestDatabase;

  beforeAll(async () => {
    ({ db, testDb } = await openConsumerDatabase(`consume_${_name}`));
    bus = makeTransport();
    await bus.startConsumer(db.dataSource, 'one');
  });

  afterAll(async () => {
    await bus.close();
    await db.close();
    await testDb.drop();
  });

  it('applies a redelivered event once', async () => {
    const event = aReferralCreatedEvent();
    await bus.publisher.publish([asMessage(event, event.subjectId)]);
    await bus.publisher.publish([asMessage(event, event.subjectId), asMessage(event, event.subjectId)]);
    const marker = aReferralCreatedEvent();
    await bus.publisher.publish([asMessage(marker, event.subjectId)]);

    const rows = await eventually(async () => {
      const r = await projection(db);
      expect(r.map((x) => x.referral_id)).toContain(marker.data.referralId);
      return r;
    });
    expect(rows.filter((r) => r.referral_id === event.data.referralId)).toHaveLength(1);
    expect(await inboxIds(db)).toEqual(expect.arrayContaining([event.id, marker.id]));
  });

  it('runs the handler inside the event’s correlation, caused by the event', async () => {
    const event = aReferralCreatedEvent();
    await bus.publisher.publish([asMessage(event)]);
    const row = await eventually(async () => {
      const found = (await projection(db)).find((r) => r.referral_id === event.data.referralId);
      expect(found).toBeDefined();
      return found!;
    });
    expect(row.correlation_id).toBe(event.correlationId);
    expect(row.causation_id).toBe(event.id);
  });

  it('dead-letters poison messages with their error and keeps processing the partition', async () => {
    const before = bus.deadLetters().length;
    const notJson: OutgoingMessage = { topic: TOPICS.referrals, key: 'k', value: '{"id": oops', headers: {} };
    const noEnvelope = asMessage({ hello: 'world' });
    const badData = aReferralCreatedEvent({ data: { urgency: 'whenever' as never } });
    const good = aReferralCreatedEvent();
    await bus.publisher.publish([notJson, noEnvelope, asMessage(badData), asMessage(good)]);

    await eventually(async () => {
      expect((await projection(db)).map((r) => r.referral_id)).toContain(good.data.referralId);
      expect(bus.deadLetters().length - before).toBe(3);
    });
    const dead = bus.deadLetters().slice(before);
    expect(dead.map((m) => m.headers[DLQ_HEADERS.errorCode])).toEqual([
      'MALFORMED_MESSAGE',
      'INVALID_ENVELOPE',
      'INVALID_EVENT_DATA',
    ]);
    expect(dead[0]!.value!.toString()).toBe('{"id": oops');
    expect(dead[2]!.headers[DLQ_HEADERS.errorMessage]).toContain('urgency');
    expect(dead.every((m) => m.headers[DLQ_HEADERS.consumer] === CONSUMER)).toBe(true);
    expect(dead.every((m) => m.headers[DLQ_HEADERS.originalTopic] === TOPICS.referrals)).toBe(true);
    expect(await inboxIds(db)).not.toContain(badData.id);
  });

  it('dead-letters an event the handler refuses, rolling back what it wrote', async () => {
    const before = bus.deadLetters().length;
    const refused = aReferralCreatedEvent({ data: { reason: BEHAVIOUR.refuseAfterWrite } });
    const next = aReferralCreatedEvent();
    await bus.publisher.publish([asMessage(refused), asMessage(next)]);

    await eventually(async () => {
      expect((await projection(db)).map((r) => r.referral_id)).toContain(next.data.referralId);
      expect(bus.deadLetters().length - before).toBe(1);
    });
    const dead = bus.deadLetters()[before]!;
    expect(dead.headers[DLQ_HEADERS.errorCode]).toBe('PROJECTION_REFUSED');
    expect(dead.headers[DLQ_HEADERS.attempts]).toBe('1');
    expect((await projection(db)).map((r) => r.referral_id)).not.toContain(refused.data.referralId);
    expect(await inboxIds(db)).not.toContain(refused.id);
  });

  it('retries a transient failure and applies the event once', async () => {
    const flaky = aReferralCreatedEvent({ data: { reason: BEHAVIOUR.failOnce } });
    await bus.publisher.publish([asMessage(flaky)]);
    const rows = await eventually(async () => {
      const r = (await projection(db)).filter((x) => x.referral_id === flaky.data.referralId);
      expect(r).toHaveLength(1);
      return r;
    });
    expect(rows[0]!.attempt).toBe(2);
  });

  it('gives up after the retry cap, dead-letters, and moves on', async () => {
    const before = bus.deadLetters().length;
    const broken = aReferralCreatedEvent({ data: { reason: BEHAVIOUR.alwaysFail } });
    const next = aReferralCreatedEvent();
    await bus.publisher.publish([asMessage(broken), asMessage(next)]);
    await eventually(async () => {
      expect((await projection(db)).map((r) => r.referral_id)).toContain(next.data.referralId);
      expect(bus.deadLetters().length - before).toBe(1);
    });
    const dead = bus.deadLetters()[before]!;
    expect(dead.headers[DLQ_HEADERS.errorCode]).toBe('RETRIES_EXHAUSTED');
    expect(dead.headers[DLQ_HEADERS.attempts]).toBe('3');
    expect(dead.headers[DLQ_HEADERS.errorMessage]).toContain('Cannot read properties of undefined');
  });

  // Last: on Kafka the redelivery restarts the consumer.
  it('waits out a database outage longer than the retry cap: no dead letter, applied once, in order', async () => {
    const before = bus.deadLetters().length;
    const stranded = aReferralCreatedEvent({ data: { reason: BEHAVIOUR.outage } });
    const next = aReferralCreatedEvent();
    // One key, so one partition: `next` must wait for `stranded`.
    await bus.publisher.publish([
      asMessage(stranded, stranded.subjectId),
      asMessage(next, stranded.subjectId),
    ]);

    const ids = await eventually(
      async () => {
        const r = (await projection(db)).map((x) => x.referral_id);
        expect(r).toContain(next.data.referralId);
        return r;
      },
      { timeoutMs: 45_000 },
    );
    expect(outageFailures.get(stranded.id)).toBe(OUTAGE_ATTEMPTS); // more than the 3 attempts in place
    expect(ids.filter((id) => id === stranded.data.referralId)).toHaveLength(1);
    expect(ids.indexOf(stranded.data.referralId)).toBeLessThan(ids.indexOf(next.data.referralId));
    expect(
      bus
        .deadLetters()
        .slice(before)
        .map((m) => m.headers[HEADERS.eventId]),
    ).not.toContain(stranded.id);
  }, 60_000);
});
