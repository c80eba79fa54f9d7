import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@careloop/contracts';
import { eventually } from '@careloop/testing';
import { RecordConsent } from '../../src/client/record-consent';
import { startReferralsOverKafka, type ReferralsOverKafka } from '../support/referrals-over-kafka';
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
  const worker = aPrincipal({ orgId: `org-${randomUUID()}` });
  const elsewhere = aPrincipal({ orgId: `org-${randomUUID()}` });
  let env: ReferralsOverKafka;

  beforeAll(async () => {
    // Keyed by client, as one client's events keep their order on one partition.
    env = await startReferralsOverKafka({
      label: 'ref-reminder-events',
      producer: 'reminders',
      keyOf: (e) => (e.data as { clientId: string }).clientId,
    });
  }, 90_000);
  afterAll(() => env?.close(), 60_000);

  const smsCount = async (clientId: string) =>
    (
      (await env.db.dataSource.query(
        `SELECT count(*)::int AS n FROM referrals.client_sms WHERE client_id = $1`,
        [clientId],
      )) as { n: number }[]
    )[0]!.n;
  /** Waits until the client's SMS history holds `n` rows: a marker that the events before it were handled. */
  const untilSmsRows = (clientId: string, n: number) =>
    eventually(async () => expect(await smsCount(clientId)).toBe(n), { timeoutMs: 30_000 });
  /** Waits until an event's row is in: the events published before it on its key were handled. */
  const untilStored = (marker: EventEnvelope) =>
    eventually(
      async () =>
        expect(
          await env.db.dataSource.query(`SELECT 1 FROM referrals.client_sms WHERE id = $1`, [marker.id]),
        ).toHaveLength(1),
      { timeoutMs: 30_000 },
    );
  const consents = async (clientId: string) => {
    const { status, body } = await env.get<ConsentRecord[]>(worker, `/clients/${clientId}/consents`);
    expect(status).toBe(200);
    return body.filter((c) => c.purpose === 'sms_reminders');
  };
  const consentEvents = async (clientId: string) =>
    (await outboxFor(env.db, clientId)).filter((e) => e.type === 'client.consent-changed.v1');

  it('texts sent, not delivered and replies reach the SMS history and the timeline; a redelivery changes nothing', async () => {
    const clientId = await insertClient(env.db, worker.orgId);
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
    await env.publish(sent, failed, reply);
    await untilSmsRows(clientId, 3);

    const history = await env.get<{
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
    const timeline = await env.get<{ entries: { kind: string; summary: string }[] }>(
      worker,
      `/clients/${clientId}/timeline`,
    );
    expect(timeline.body.entries.map((e) => [e.kind, e.summary])).toEqual([
      // The failed delivery also opened a task for the keyworker (newest: opened when handled).
      [
        'task_created',
        'Task opened (routine priority): A text to the client was not delivered (failed, error 21610): check their number',
      ],
      ['sms_reply', 'SMS reply (confirms): "Y see u then"'],
      [
        'sms_delivery_failed',
        `SMS not delivered (failed, error 21610): "Hi Jo, see you tomorrow at 10:30.". Check the client's number`,
      ],
      ['sms_sent', 'SMS sent (reminder the evening before): "Hi Jo, see you tomorrow at 10:30."'],
    ]);

    // Redelivered, then a new text on the same key: once that is in, the duplicates were handled.
    const marker = sms.sent('2026-11-03T08:30:00Z', { step: 'two_hours_before' });
    await env.publish(sent, failed, reply, marker);
    await untilStored(marker);
    expect(await smsCount(clientId)).toBe(4);
    expect(env.deadLetters.map((d) => d.eventId)).not.toContain(sent.id);
  });

  it('a STOP withdraws consent to SMS reminders once, as system:reminders, and tells every service', async () => {
    const clientId = await insertClient(env.db, worker.orgId);
    const recordConsent = env.running.app.get(RecordConsent);
    await recordConsent.execute(worker, clientId, 'sms_reminders');
    await recordConsent.execute(worker, clientId, 'name_service_in_sms');
    const sms = smsEventsFor(worker.orgId, clientId);
    const stop = sms.optedOut(new Date().toISOString(), 'STOP');
    await env.publish(stop);
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
    }[] = await env.db.dataSource.query(
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
        const rows: { published_at: Date | null }[] = await env.db.dataSource.query(
          `SELECT published_at FROM referrals.outbox WHERE event_id = $1`,
          [(withdrawn as unknown as { id: string }).id],
        );
        expect(rows[0]?.published_at).toBeInstanceOf(Date);
      },
      { timeoutMs: 30_000 },
    );

    // The same event redelivered, and a second opt-out word: consent is already withdrawn. A text on
    // the same key marks that both were handled.
    await env.publish(
      stop,
      sms.optedOut(new Date().toISOString(), 'UNSUBSCRIBE'),
      sms.sent(new Date().toISOString()),
    );
    await untilSmsRows(clientId, 1);
    expect((await consents(clientId)).map((c) => c.given)).toEqual([true, false]);
    expect(await consentEvents(clientId)).toHaveLength(3);
  });

  it('leaves consent alone when there is none to withdraw, or the client consented after texting the word', async () => {
    const never = await insertClient(env.db, worker.orgId);
    const later = await insertClient(env.db, worker.orgId);
    const texted = new Date(Date.now() - 60 * 60_000).toISOString();
    await env.running.app.get(RecordConsent).execute(worker, later, 'sms_reminders');
    await env.publish(
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

  it('notes a text that reached the phone once, for the reports, without a line in the SMS history', async () => {
    const clientId = await insertClient(env.db, worker.orgId);
    const sms = smsEventsFor(worker.orgId, clientId);
    const appointmentId = randomUUID();
    const sent = sms.sent('2026-11-02T18:00:00Z', { appointmentId });
    const delivered = sms.delivered('2026-11-02T18:00:05Z', {
      messageId: sent.data.messageId,
      appointmentId,
    });
    // The same receipt reported again, under a new event id: still one delivery, the first time kept.
    const again = sms.delivered('2026-11-02T18:09:00Z', { messageId: sent.data.messageId, appointmentId });
    const marker = sms.sent('2026-11-03T08:30:00Z', { step: 'two_hours_before' });
    await env.publish(sent, delivered, again, marker);
    await untilStored(marker);
    expect(
      await env.db.dataSource.query(
        `SELECT message_id, appointment_id, step, delivered_at FROM referrals.client_sms_delivery WHERE client_id = $1`,
        [clientId],
      ),
    ).toEqual([
      {
        message_id: sent.data.messageId,
        appointment_id: appointmentId,
        step: 'evening_before',
        delivered_at: new Date('2026-11-02T18:00:05Z'),
      },
    ]);
    expect(await smsCount(clientId)).toBe(2);

    // Another organisation's client: dead-lettered, nothing noted.
    const theirs = await insertClient(env.db, elsewhere.orgId);
    const misdirected = smsEventsFor(worker.orgId, theirs).delivered('2026-11-02T18:10:00Z', {
      messageId: randomUUID(),
    });
    await env.publish(misdirected);
    await eventually(
      () => expect(env.deadLetters.find((d) => d.eventId === misdirected.id)?.code).toBe('CLIENT_NOT_FOUND'),
      { timeoutMs: 30_000 },
    );
    expect(
      await env.db.dataSource.query(`SELECT 1 FROM referrals.client_sms_delivery WHERE client_id = $1`, [
        theirs,
      ]),
    ).toEqual([]);
  });

  it('dead-letters events about a client this organisation does not have, and moves on', async () => {
    const theirs = await insertClient(env.db, elsewhere.orgId);
    await env.running.app.get(RecordConsent).execute(elsewhere, theirs, 'sms_reminders');
    const stranger = smsEventsFor(worker.orgId, randomUUID());
    const wrongOrg = smsEventsFor(worker.orgId, theirs);
    const unknownSent = stranger.sent('2026-11-02T18:00:00Z');
    const unknownStop = stranger.optedOut('2026-11-02T18:05:00Z');
    const misdirectedReply = wrongOrg.reply('2026-11-02T18:10:00Z');
    const misdirectedStop = wrongOrg.optedOut('2026-11-02T18:15:00Z');
    await env.publish(unknownSent, unknownStop, misdirectedReply, misdirectedStop);
    const ids = [unknownSent.id, unknownStop.id, misdirectedReply.id, misdirectedStop.id];
    await eventually(
      () =>
        expect(env.deadLetters.filter((d) => ids.includes(d.eventId!)).map((d) => d.code)).toHaveLength(4),
      { timeoutMs: 30_000 },
    );
    expect(new Set(env.deadLetters.filter((d) => ids.includes(d.eventId!)).map((d) => d.code))).toEqual(
      new Set(['CLIENT_NOT_FOUND']),
    );
    expect(await smsCount(theirs)).toBe(0);
    const theirConsents = await env.get<ConsentRecord[]>(elsewhere, `/clients/${theirs}/consents`);
    expect(theirConsents.body.map((c) => c.given)).toEqual([true]);
    // Later events on the topic are still handled.
    const mine = await insertClient(env.db, worker.orgId);
    await env.publish(smsEventsFor(worker.orgId, mine).reply('2026-11-02T18:20:00Z'));
    await untilSmsRows(mine, 1);
  });

  it("GET /clients/:id/sms: CDAS staff of the client's organisation only, with clear errors", async () => {
    const clientId = await insertClient(env.db, worker.orgId);
    await env.publish(smsEventsFor(worker.orgId, clientId).reply('2026-11-02T18:20:00Z', { text: 'ok' }));
    await untilSmsRows(clientId, 1);

    const manager = aPrincipal({ orgId: worker.orgId, roles: ['service_manager'] });
    expect((await env.get<{ total: number }>(manager, `/clients/${clientId}/sms`)).body.total).toBe(1);
    const otherOrg = await env.get<{ code: string }>(
      aPrincipal({ orgId: elsewhere.orgId }),
      `/clients/${clientId}/sms`,
    );
    expect([otherOrg.status, otherOrg.body.code]).toEqual([404, 'CLIENT_NOT_FOUND']);
    const gp = await env.get<{ status: number }>(
      aPrincipal({ orgId: worker.orgId, orgKind: 'gp_practice', roles: ['clinician'] }),
      `/clients/${clientId}/sms`,
    );
    expect(gp.status).toBe(403);
    const clinicAdmin = await env.get(
      aPrincipal({ orgId: worker.orgId, roles: ['clinic_admin'] }),
      `/clients/${clientId}/sms`,
    );
    expect(clinicAdmin.status).toBe(403);
    const badLimit = await env.get<{ code: string; errors: { path: string }[] }>(
      worker,
      `/clients/${clientId}/sms?limit=0`,
    );
    expect([badLimit.status, badLimit.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const badId = await env.get<{ code: string }>(worker, `/clients/not-a-uuid/sms`);
    expect([badId.status, badId.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
