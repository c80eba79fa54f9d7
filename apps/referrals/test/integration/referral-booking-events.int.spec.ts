import type { Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { deadLetterTopic, TOPICS, type EventEnvelope } from '@careloop/contracts';
import { DLQ_HEADERS, headersFor, KafkaPublisher, type KafkaSettings } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import { loadRuntimeConfig, startServices, type RunningServices } from '@careloop/runtime';
import {
  createTestDatabase,
  deleteTopics,
  eventually,
  kafkaBrokers,
  testKafka,
  uniqueTestId,
  withKafkaAdmin,
  type TestDatabase,
} from '@careloop/testing';
import { CreateReferral } from '../../src/referral/create-referral';
import { GetReferral } from '../../src/referral/get-referral';
import { ApplyReferralAction } from '../../src/referral/apply-referral-action';
import { referralActionBody } from '../../src/referral/referral.dto';
import { referralsService } from '../../src/referrals.service';
import { aPrincipal, aReferralBody, anAppointment, insertClient } from './referral-fixture';
import { RecordNeed } from '../../src/need/record-need';

/**
 * The referrals service as it runs, on real Postgres and a real Kafka broker: booking's appointment
 * events, published to booking's topic as booking publishes them, close the referral's loop.
 */
describe('booking appointment events over real Kafka move referrals', () => {
  const id = uniqueTestId('ref-booking');
  const topicPrefix = `${id}.`;
  const groupPrefix = `${id}.`;
  const settings: KafkaSettings = { brokers: kafkaBrokers(), clientId: id, topicPrefix, groupPrefix };
  const worker = aPrincipal({ orgId: `org-${randomUUID()}` });
  let testDb: TestDatabase;
  let running: RunningServices;
  let db: Database;
  let publisher: KafkaPublisher;
  let dlqReader: Consumer;
  const deadLetters: { code: string | undefined; eventId: string | undefined }[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase('ref_booking_events');
    const config = loadRuntimeConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: testDb.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_GROUP_PREFIX: groupPrefix,
      AUTH_ISSUER: 'https://idp.careloop.test/',
      AUTH_JWKS_URL: 'https://idp.careloop.test/jwks.json',
      OUTBOX_POLL_MS: '50',
    });
    running = await startServices([referralsService], config);
    db = running.app.get(Database);
    publisher = new KafkaPublisher(settings);
    dlqReader = testKafka().consumer({ groupId: `${id}.dlq-reader` });
    await dlqReader.connect();
    await dlqReader.subscribe({
      topic: `${topicPrefix}${deadLetterTopic(TOPICS.booking)}`,
      fromBeginning: true,
    });
    await dlqReader.run({
      eachMessage: async ({ message }) => {
        deadLetters.push({
          code: message.headers?.[DLQ_HEADERS.errorCode]?.toString(),
          eventId: message.headers?.['x-event-id']?.toString() ?? JSON.parse(message.value!.toString()).id,
        });
      },
    });
  }, 90_000);

  afterAll(async () => {
    await dlqReader?.disconnect().catch(() => undefined);
    await publisher?.close();
    await running?.close();
    await testDb?.drop();
    await deleteTopics(
      Object.values(TOPICS).flatMap((t) => [`${topicPrefix}${t}`, `${topicPrefix}${deadLetterTopic(t)}`]),
    );
    await withKafkaAdmin((admin) =>
      admin.deleteGroups([`${groupPrefix}referrals`, `${id}.dlq-reader`]),
    ).catch(() => undefined);
  }, 60_000);

  const publish = (...events: EventEnvelope[]) =>
    publisher.publish(
      events.map((e) => ({
        topic: TOPICS.booking,
        key: (e.data as { appointmentId: string }).appointmentId,
        value: JSON.stringify(e),
        headers: headersFor(e),
      })),
    );

  async function aSentReferral() {
    const clientId = await insertClient(db, worker.orgId);
    const need = await running.app
      .get(RecordNeed)
      .execute(worker, clientId, { category: 'respiratory_copd' }, undefined);
    const { result } = await running.app
      .get(CreateReferral)
      .execute(worker, clientId, aReferralBody(need.result.id), undefined);
    return result;
  }
  const read = (referralId: string) => running.app.get(GetReferral).execute(worker, referralId);
  const appointmentStatus = async (appointmentId: string) =>
    (
      (await db.dataSource.query(
        `SELECT status FROM referrals.client_appointment WHERE appointment_id = $1`,
        [appointmentId],
      )) as { status: string }[]
    )[0]?.status;

  it('booked -> did not attend -> booked -> attended; a redelivered event changes nothing', async () => {
    const referral = await aSentReferral();
    const first = anAppointment(worker.orgId, referral.clientId, referral.id);
    const booked = first.booked();
    const missed = first.attendance('cancelled_late');
    await publish(booked, missed);
    await eventually(async () => expect((await read(referral.id)).status).toBe('did_not_attend'), {
      timeoutMs: 30_000,
    });
    expect(await appointmentStatus(first.appointmentId)).toBe('cancelled_late');

    const second = anAppointment(worker.orgId, referral.clientId, referral.id);
    const attended = second.attendance('attended', '2026-11-17T11:00:00Z');
    const rebooked = second.booked('2026-11-17T10:00:00Z', '2026-11-12T09:00:00Z');
    await publish(rebooked, attended);
    const done = await eventually(
      async () => {
        const r = await read(referral.id);
        expect(r.status).toBe('attended');
        return r;
      },
      { timeoutMs: 30_000 },
    );
    expect(done.history!.map((h) => [h.toStatus, h.action, h.source, h.changedBy])).toEqual([
      ['sent', 'create', 'staff', worker.userId],
      ['booked', 'appointment-booked', 'event', 'system:booking'],
      ['did_not_attend', 'did-not-attend', 'event', 'system:booking'],
      ['booked', 'appointment-booked', 'event', 'system:booking'],
      ['attended', 'attended', 'event', 'system:booking'],
    ]);
    expect(done.history![2]).toMatchObject({ appointmentId: first.appointmentId, reason: 'cancelled late' });

    // Redelivery: the same events again, each followed by a marker on the SAME key (appointment id):
    // one partition, in order, so once a marker is in the projection its key's duplicates were handled.
    // The markers move no referral (a superseded slot's cancellation; an attended referral is not overdue).
    await publish(booked, missed, first.cancelled('2026-11-18T09:00:00Z'));
    await publish(rebooked, attended, second.outcomeOverdue('2026-11-18T09:00:00Z'));
    await eventually(
      async () => {
        expect(await appointmentStatus(first.appointmentId)).toBe('cancelled');
        expect(await appointmentStatus(second.appointmentId)).toBe('outcome_unknown');
      },
      { timeoutMs: 30_000 },
    );
    expect((await read(referral.id)).version).toBe(done.version);

    // Events out: one status change per move, from the system, with the appointment.
    const events: { payload: { actor: unknown; data: Record<string, unknown> } }[] =
      await db.dataSource.query(
        `SELECT payload FROM referrals.outbox WHERE message_key = $1 AND event_type = 'referral.status-changed.v1' ORDER BY seq`,
        [referral.id],
      );
    expect(events.map((e) => [e.payload.data['from'], e.payload.data['to']])).toEqual([
      ['sent', 'booked'],
      ['booked', 'did_not_attend'],
      ['did_not_attend', 'booked'],
      ['booked', 'attended'],
    ]);
    expect(events[3]!.payload).toMatchObject({
      actor: { kind: 'system', id: 'system:booking' },
      data: { source: 'event', appointmentId: second.appointmentId, changedBy: 'system:booking' },
    });
  });

  it('records a late attendance for a closed referral in the projection only: ignored, not dead-lettered', async () => {
    const referral = await aSentReferral();
    const appointment = anAppointment(worker.orgId, referral.clientId, referral.id);
    await publish(appointment.booked());
    await eventually(async () => expect((await read(referral.id)).status).toBe('booked'), {
      timeoutMs: 30_000,
    });
    await running.app
      .get(ApplyReferralAction)
      .execute(
        worker,
        referral.id,
        referralActionBody.parse({ type: 'close', outcome: 'treated_elsewhere', reason: 'Seen at A&E' }),
        undefined,
      );

    const late = appointment.attendance('attended');
    await publish(late);
    await eventually(
      async () => expect(await appointmentStatus(appointment.appointmentId)).toBe('attended'),
      {
        timeoutMs: 30_000,
      },
    );
    const after = await read(referral.id);
    expect(after.status).toBe('closed');
    expect(after.history!.at(-1)).toMatchObject({ toStatus: 'closed', source: 'staff' });
    expect(deadLetters.map((d) => d.eventId)).not.toContain(late.id);
  });

  it('dead-letters an event for a client this service does not know, and moves on', async () => {
    const stranger = anAppointment(worker.orgId, randomUUID(), null);
    const unknown = stranger.booked();
    await publish(unknown);
    await eventually(() => expect(deadLetters.find((d) => d.eventId === unknown.id)).toBeDefined(), {
      timeoutMs: 30_000,
    });
    expect(deadLetters.find((d) => d.eventId === unknown.id)!.code).toBe('CLIENT_NOT_FOUND');
    expect(await appointmentStatus(stranger.appointmentId)).toBeUndefined();
  });
});
