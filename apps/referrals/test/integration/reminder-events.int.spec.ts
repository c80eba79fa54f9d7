import type { Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { Principal } from '@careloop/auth';
import { deadLetterTopic, TOPICS, type EventEnvelope } from '@careloop/contracts';
import { DLQ_HEADERS, headersFor, KafkaPublisher, type KafkaSettings } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import { loadRuntimeConfig, startServices, type RunningServices } from '@careloop/runtime';
import {
  createTestDatabase,
  deleteTopics,
  eventually,
  kafkaBrokers,
  startTestIdentityProvider,
  testKafka,
  uniqueTestId,
  withKafkaAdmin,
  type TestDatabase,
  type TestIdentityProvider,
} from '@careloop/testing';
import { RecordConsent } from '../../src/client/record-consent';
import { referralsService } from '../../src/referrals.service';
import { aPrincipal, insertClient, outboxFor } from './referral-fixture';
import { smsEventsFor } from './sms-events';

interface ConsentRecord {
  purpose: string;
  given: boolean;
  recordedBy: string;
  recordedAt: string;
}

/**
 * The referrals service as it runs, on real Postgres, a real Kafka broker and real tokens: the
 * reminders service's SMS events, published to its topic as it publishes them, reach the client's SMS
 * history, timeline and consent.
 */
describe('reminders SMS events over real Kafka', () => {
  const id = uniqueTestId('ref-reminders');
  const topicPrefix = `${id}.`;
  const groupPrefix = `${id}.`;
  const settings: KafkaSettings = { brokers: kafkaBrokers(), clientId: id, topicPrefix, groupPrefix };
  const worker = aPrincipal({ orgId: `org-${randomUUID()}` });
  const elsewhere = aPrincipal({ orgId: `org-${randomUUID()}` });
  let testDb: TestDatabase;
  let idp: TestIdentityProvider;
  let running: RunningServices;
  let db: Database;
  let publisher: KafkaPublisher;
  let dlqReader: Consumer;
  const deadLetters: { code: string | undefined; eventId: string | undefined }[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase('ref_reminder_events');
    idp = await startTestIdentityProvider({ issuer: 'https://idp.careloop.test/' });
    const config = loadRuntimeConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: testDb.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_GROUP_PREFIX: groupPrefix,
      AUTH_ISSUER: idp.issuer,
      AUTH_JWKS_URL: idp.jwksUrl,
      OUTBOX_POLL_MS: '50',
    });
    running = await startServices([referralsService], config);
    db = running.app.get(Database);
    publisher = new KafkaPublisher(settings);
    dlqReader = testKafka().consumer({ groupId: `${id}.dlq-reader` });
    await dlqReader.connect();
    await dlqReader.subscribe({
      topic: `${topicPrefix}${deadLetterTopic(TOPICS.reminders)}`,
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
    await idp?.close();
    await testDb?.drop();
    await deleteTopics(
      Object.values(TOPICS).flatMap((t) => [`${topicPrefix}${t}`, `${topicPrefix}${deadLetterTopic(t)}`]),
    );
    await withKafkaAdmin((admin) =>
      admin.deleteGroups([`${groupPrefix}referrals`, `${id}.dlq-reader`]),
    ).catch(() => undefined);
  }, 60_000);

  /** Keyed by client, as one client's events keep their order on one partition. */
  const publish = (...events: EventEnvelope[]) =>
    publisher.publish(
      events.map((e) => ({
        topic: TOPICS.reminders,
        key: (e.data as { clientId: string }).clientId,
        value: JSON.stringify(e),
        headers: headersFor(e),
      })),
    );
  const get = async <T>(who: Principal, path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${running.url}${path}`, {
      headers: { authorization: `Bearer ${await idp.tokenFor(who)}` },
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const smsCount = async (clientId: string) =>
    (
      (await db.dataSource.query(`SELECT count(*)::int AS n FROM referrals.client_sms WHERE client_id = $1`, [
        clientId,
      ])) as { n: number }[]
    )[0]!.n;
  /** Waits until the client's SMS history holds `n` rows: a marker that the events before it were handled. */
  const untilSmsRows = (clientId: string, n: number) =>
    eventually(async () => expect(await smsCount(clientId)).toBe(n), { timeoutMs: 30_000 });
  /** Waits until an event's row is in: the events published before it on its key were handled. */
  const untilStored = (marker: EventEnvelope) =>
    eventually(
      async () =>
        expect(
          await db.dataSource.query(`SELECT 1 FROM referrals.client_sms WHERE id = $1`, [marker.id]),
        ).toHaveLength(1),
      { timeoutMs: 30_000 },
    );
  const consents = async (clientId: string) => {
    const { status, body } = await get<ConsentRecord[]>(worker, `/clients/${clientId}/consents`);
    expect(status).toBe(200);
    return body.filter((c) => c.purpose === 'sms_reminders');
  };
  const consentEvents = async (clientId: string) =>
    (await outboxFor(db, clientId)).filter((e) => e.type === 'client.consent-changed.v1');

  it('texts sent, not delivered and replies reach the SMS history and the timeline; a redelivery changes nothing', async () => {
    const clientId = await insertClient(db, worker.orgId);
    const sms = smsEventsFor(worker.orgId, clientId);
    const appointmentId = randomUUID();
    const sent = sms.sent('2026-11-02T18:00:00Z', {
      appointmentId,
      text: 'Hi Jo, see you tomorrow at 10:30.',
    });
    const failed = sms.deliveryFailed('2026-11-02T18:01:00Z', {
      messageId: sent.data.messageId,
      appointmentId,
      outcome: 'failed',
      errorCode: '21610',
    });
    const reply = sms.reply('2026-11-02T19:00:00Z', {
      appointmentId,
      intent: 'confirm',
      text: 'Y see u then',
    });
    await publish(sent, failed, reply);
    await untilSmsRows(clientId, 3);

    const history = await get<{
      items: { kind: string; text: string | null; intent: string | null }[];
      total: number;
    }>(worker, `/clients/${clientId}/sms`);
    expect(history.status).toBe(200);
    expect(history.body.total).toBe(3);
    expect(history.body.items.map((i) => [i.kind, i.text, i.intent])).toEqual([
      ['reply', 'Y see u then', 'confirm'],
      ['delivery_failed', 'Hi Jo, see you tomorrow at 10:30.', null],
      ['sent', 'Hi Jo, see you tomorrow at 10:30.', null],
    ]);
    const timeline = await get<{ entries: { kind: string; summary: string }[] }>(
      worker,
      `/clients/${clientId}/timeline`,
    );
    expect(timeline.body.entries.map((e) => [e.kind, e.summary])).toEqual([
      ['sms_reply', 'SMS reply (confirms): "Y see u then"'],
      [
        'sms_delivery_failed',
        `SMS not delivered (failed, error 21610): "Hi Jo, see you tomorrow at 10:30.". Check the client's number`,
      ],
      ['sms_sent', 'SMS sent (reminder the evening before): "Hi Jo, see you tomorrow at 10:30."'],
    ]);

    // Redelivered, then a new text on the same key: once that is in, the duplicates were handled.
    const marker = sms.sent('2026-11-03T08:30:00Z', { step: 'two_hours_before' });
    await publish(sent, failed, reply, marker);
    await untilStored(marker);
    expect(await smsCount(clientId)).toBe(4);
    expect(deadLetters.map((d) => d.eventId)).not.toContain(sent.id);
  });

  it('a STOP withdraws consent to SMS reminders once, as system:reminders, and tells every service', async () => {
    const clientId = await insertClient(db, worker.orgId);
    const recordConsent = running.app.get(RecordConsent);
    await recordConsent.execute(worker, clientId, 'sms_reminders');
    await recordConsent.execute(worker, clientId, 'name_service_in_sms');
    const sms = smsEventsFor(worker.orgId, clientId);
    const stop = sms.optedOut(new Date().toISOString(), 'STOP');
    await publish(stop);
    await eventually(async () => expect((await consents(clientId)).at(-1)?.given).toBe(false), {
      timeoutMs: 30_000,
    });

    const history = await consents(clientId);
    expect(history.map((c) => [c.given, c.recordedBy])).toEqual([
      [true, worker.userId],
      [false, 'system:reminders'],
    ]);
    const [, , withdrawn] = await consentEvents(clientId);
    expect(withdrawn!.data).toMatchObject({
      clientId,
      consents: {
        sms_reminders: { given: false, recordedBy: 'system:reminders', recordedAt: history[1]!.recordedAt },
        name_service_in_sms: { given: true, recordedBy: worker.userId },
      },
    });
    const audit: {
      action: string;
      subject_type: string;
      actor_user_id: string;
      reason: string | null;
      details: unknown;
    }[] = await db.dataSource.query(
      `SELECT action, subject_type, actor_user_id, reason, details FROM referrals.audit_log
          WHERE client_id = $1 AND actor_user_id = 'system:reminders' ORDER BY seq`,
      [clientId],
    );
    expect(audit).toEqual([
      {
        action: 'create',
        subject_type: 'client_consent',
        actor_user_id: 'system:reminders',
        reason: null,
        details: { purpose: 'sms_reminders', given: false },
      },
      {
        action: 'create',
        subject_type: 'sms_opt_out',
        actor_user_id: 'system:reminders',
        reason: 'The client texted the opt-out word STOP',
        details: {
          purpose: 'sms_reminders',
          given: false,
          source: 'sms_reply_keyword',
          keyword: 'STOP',
          receivedAt: stop.data.receivedAt,
        },
      },
    ]);

    // Every service hears of it: the relay publishes the event to the referrals topic.
    await eventually(
      async () => {
        const rows: { published_at: Date | null }[] = await db.dataSource.query(
          `SELECT published_at FROM referrals.outbox WHERE event_id = $1`,
          [(withdrawn as unknown as { id: string }).id],
        );
        expect(rows[0]?.published_at).toBeInstanceOf(Date);
      },
      { timeoutMs: 30_000 },
    );

    // The same event redelivered, and a second opt-out word: consent is already withdrawn. A text on
    // the same key marks that both were handled.
    await publish(
      stop,
      sms.optedOut(new Date().toISOString(), 'UNSUBSCRIBE'),
      sms.sent(new Date().toISOString()),
    );
    await untilSmsRows(clientId, 1);
    expect((await consents(clientId)).map((c) => c.given)).toEqual([true, false]);
    expect(await consentEvents(clientId)).toHaveLength(3);
  });

  it('leaves consent alone when there is none to withdraw, or the client consented after texting the word', async () => {
    const never = await insertClient(db, worker.orgId);
    const later = await insertClient(db, worker.orgId);
    const texted = new Date(Date.now() - 60 * 60_000).toISOString();
    await running.app.get(RecordConsent).execute(worker, later, 'sms_reminders');
    await publish(
      smsEventsFor(worker.orgId, never).optedOut(texted),
      smsEventsFor(worker.orgId, never).sent(texted),
      smsEventsFor(worker.orgId, later).optedOut(texted),
      smsEventsFor(worker.orgId, later).sent(texted),
    );
    await untilSmsRows(never, 1);
    await untilSmsRows(later, 1);
    expect(await consents(never)).toEqual([]);
    expect(await consentEvents(never)).toEqual([]);
    expect((await consents(later)).map((c) => [c.given, c.recordedBy])).toEqual([[true, worker.userId]]);
    expect(await consentEvents(later)).toHaveLength(1);
  });

  it('dead-letters events about a client this organisation does not have, and moves on', async () => {
    const theirs = await insertClient(db, elsewhere.orgId);
    await running.app.get(RecordConsent).execute(elsewhere, theirs, 'sms_reminders');
    const stranger = smsEventsFor(worker.orgId, randomUUID());
    const wrongOrg = smsEventsFor(worker.orgId, theirs);
    const unknownSent = stranger.sent('2026-11-02T18:00:00Z');
    const unknownStop = stranger.optedOut('2026-11-02T18:05:00Z');
    const misdirectedReply = wrongOrg.reply('2026-11-02T18:10:00Z');
    const misdirectedStop = wrongOrg.optedOut('2026-11-02T18:15:00Z');
    await publish(unknownSent, unknownStop, misdirectedReply, misdirectedStop);
    const ids = [unknownSent.id, unknownStop.id, misdirectedReply.id, misdirectedStop.id];
    await eventually(
      () => expect(deadLetters.filter((d) => ids.includes(d.eventId!)).map((d) => d.code)).toHaveLength(4),
      { timeoutMs: 30_000 },
    );
    expect(new Set(deadLetters.filter((d) => ids.includes(d.eventId!)).map((d) => d.code))).toEqual(
      new Set(['CLIENT_NOT_FOUND']),
    );
    expect(await smsCount(theirs)).toBe(0);
    const theirConsents = await get<ConsentRecord[]>(elsewhere, `/clients/${theirs}/consents`);
    expect(theirConsents.body.map((c) => c.given)).toEqual([true]);
    // Later events on the topic are still handled.
    const mine = await insertClient(db, worker.orgId);
    await publish(smsEventsFor(worker.orgId, mine).reply('2026-11-02T18:20:00Z'));
    await untilSmsRows(mine, 1);
  });

  it("GET /clients/:id/sms: CDAS staff of the client's organisation only, with clear errors", async () => {
    const clientId = await insertClient(db, worker.orgId);
    await publish(smsEventsFor(worker.orgId, clientId).reply('2026-11-02T18:20:00Z', { text: 'ok' }));
    await untilSmsRows(clientId, 1);

    const manager = aPrincipal({ orgId: worker.orgId, roles: ['service_manager'] });
    expect((await get<{ total: number }>(manager, `/clients/${clientId}/sms`)).body.total).toBe(1);
    const otherOrg = await get<{ code: string }>(
      aPrincipal({ orgId: elsewhere.orgId }),
      `/clients/${clientId}/sms`,
    );
    expect([otherOrg.status, otherOrg.body.code]).toEqual([404, 'CLIENT_NOT_FOUND']);
    const gp = await get<{ status: number }>(
      aPrincipal({ orgId: worker.orgId, orgKind: 'gp_practice', roles: ['clinician'] }),
      `/clients/${clientId}/sms`,
    );
    expect(gp.status).toBe(403);
    const clinicAdmin = await get(
      aPrincipal({ orgId: worker.orgId, roles: ['clinic_admin'] }),
      `/clients/${clientId}/sms`,
    );
    expect(clinicAdmin.status).toBe(403);
    const badLimit = await get<{ code: string; errors: { path: string }[] }>(
      worker,
      `/clients/${clientId}/sms?limit=0`,
    );
    expect([badLimit.status, badLimit.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const badId = await get<{ code: string }>(worker, `/clients/not-a-uuid/sms`);
    expect([badId.status, badId.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
