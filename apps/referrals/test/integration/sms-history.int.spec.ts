import { randomUUID } from 'node:crypto';
import { AuditTrail } from '@careloop/auth';
import type { Database } from '@careloop/persistence';
import type { TestDatabase } from '@careloop/testing';
import { SqlClientDirectory } from '../../src/need/client-directory';
import { listClientSmsQuery } from '../../src/sms/client-sms.dto';
import { ListClientSms } from '../../src/sms/list-client-sms';
import { RecordClientSms, type SmsEvent } from '../../src/sms/record-client-sms';
import { GetClientTimeline } from '../../src/timeline/get-client-timeline';
import { TIMELINE_SOURCES } from '../../src/timeline/sources';
import { timelineQuery, type TimelineView } from '../../src/timeline/timeline.dto';
import { aPrincipal, insertClient, openReferralsDatabase } from './referral-fixture';
import { smsEventsFor } from './sms-events';

/** The SMS history projection, its timeline sources and GET /clients/:id/sms's use case, on real Postgres. */
describe('client SMS history on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;
  const worker = aPrincipal({ orgId: `org-${randomUUID()}` });
  const elsewhere = aPrincipal({ orgId: `org-${randomUUID()}` });
  let recordSms: RecordClientSms;
  let listSms: ListClientSms;
  let timeline: GetClientTimeline;

  beforeAll(async () => {
    ({ db, testDb } = await openReferralsDatabase('sms_history'));
    const audit = new AuditTrail();
    const clients = new SqlClientDirectory();
    recordSms = new RecordClientSms(clients);
    listSms = new ListClientSms(db.dataSource, audit, clients);
    timeline = new GetClientTimeline(db.dataSource, audit, clients, TIMELINE_SOURCES);
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const record = (...inputs: SmsEvent[]) =>
    db.transaction(async (m) => {
      for (const input of inputs) await recordSms.execute(m, input);
    });
  const readTimeline = (clientId: string, query: Record<string, unknown> = {}, who = worker) =>
    timeline.execute(who, clientId, timelineQuery.parse(query));
  const list = (clientId: string, query: Record<string, unknown> = {}, who = worker) =>
    listSms.execute(who, clientId, listClientSmsQuery.parse(query));
  const rowsOf = async (clientId: string) =>
    (
      (await db.dataSource.query(`SELECT count(*)::int AS n FROM referrals.client_sms WHERE client_id = $1`, [
        clientId,
      ])) as { n: number }[]
    )[0]!.n;

  /** A plan's texts, a failure, a reply and a send whose fate is unknown, as the reminders service reports them. */
  async function aClientWithTexts() {
    const clientId = await insertClient(db, worker.orgId);
    const sms = smsEventsFor(worker.orgId, clientId);
    const appointmentId = randomUUID();
    const confirmation = sms.sent('2026-10-30T09:00:00Z', {
      appointmentId,
      step: 'confirmation',
      text: 'Hi Jo, you have an appointment Tue 3 Nov at 10:30 at Hillside.',
    });
    const eveningBefore = sms.sent('2026-11-02T18:00:00Z', {
      appointmentId,
      step: 'evening_before',
      text: 'Hi Jo, see you tomorrow at 10:30. Reply Y to confirm, N to rebook.',
    });
    const undelivered = sms.deliveryFailed('2026-11-02T18:01:00Z', {
      messageId: eveningBefore.data.messageId,
      appointmentId,
      outcome: 'undelivered',
      errorCode: '30003',
    });
    const reply = sms.reply('2026-11-02T18:30:00Z', {
      appointmentId,
      intent: 'rebook',
      text: 'cant make it sorry',
    });
    const unknown = sms.deliveryFailed('2026-11-03T08:30:00Z', {
      appointmentId,
      outcome: 'unknown',
      errorCode: null,
    });
    await record(
      { kind: 'sent', event: confirmation },
      { kind: 'sent', event: eveningBefore },
      { kind: 'delivery_failed', event: undelivered },
      { kind: 'reply', event: reply },
      { kind: 'delivery_failed', event: unknown },
    );
    return { clientId, appointmentId, confirmation, eveningBefore, undelivered, reply, unknown, sms };
  }

  it('shows texts sent, not delivered and replies on the timeline, newest first, with the text and intent', async () => {
    const t = await aClientWithTexts();
    const view = await readTimeline(t.clientId);
    expect(view.entries).toEqual([
      {
        kind: 'sms_delivery_failed',
        id: t.unknown.id,
        occurredAt: '2026-11-03T08:30:00.000Z',
        summary:
          'SMS may not have been sent (interrupted while sending). Check with the client whether it arrived',
        refs: { appointmentId: t.appointmentId },
      },
      {
        kind: 'sms_reply',
        id: t.reply.id,
        occurredAt: '2026-11-02T18:30:00.000Z',
        summary: `SMS reply (can't make it, wants to rebook): "cant make it sorry"`,
        refs: { appointmentId: t.appointmentId },
      },
      {
        kind: 'sms_delivery_failed',
        id: t.undelivered.id,
        occurredAt: '2026-11-02T18:01:00.000Z',
        summary:
          'SMS not delivered (undelivered, error 30003): "Hi Jo, see you tomorrow at 10:30. Reply Y to confirm, N to rebook.". Check the client\'s number',
        refs: { appointmentId: t.appointmentId },
      },
      {
        kind: 'sms_sent',
        id: t.eveningBefore.id,
        occurredAt: '2026-11-02T18:00:00.000Z',
        summary:
          'SMS sent (reminder the evening before): "Hi Jo, see you tomorrow at 10:30. Reply Y to confirm, N to rebook."',
        refs: { appointmentId: t.appointmentId },
        by: 'system:reminders',
      },
      {
        kind: 'sms_sent',
        id: t.confirmation.id,
        occurredAt: '2026-10-30T09:00:00.000Z',
        summary:
          'SMS sent (booking confirmation): "Hi Jo, you have an appointment Tue 3 Nov at 10:30 at Hillside."',
        refs: { appointmentId: t.appointmentId },
        by: 'system:reminders',
      },
    ]);
    expect(view.notYetAvailable).toEqual([]);
  });

  it('lists the SMS history newest first, a page at a time, and audits each read', async () => {
    const t = await aClientWithTexts();
    const all = await list(t.clientId);
    expect(all.total).toBe(5);
    expect(all.items.map((i) => [i.kind, i.at])).toEqual([
      ['delivery_failed', '2026-11-03T08:30:00.000Z'],
      ['reply', '2026-11-02T18:30:00.000Z'],
      ['delivery_failed', '2026-11-02T18:01:00.000Z'],
      ['sent', '2026-11-02T18:00:00.000Z'],
      ['sent', '2026-10-30T09:00:00.000Z'],
    ]);
    expect(all.items[1]).toEqual({
      id: t.reply.id,
      kind: 'reply',
      at: '2026-11-02T18:30:00.000Z',
      messageId: t.reply.data.replyId,
      appointmentId: t.appointmentId,
      step: null,
      text: 'cant make it sorry',
      intent: 'rebook',
      outcome: null,
      errorCode: null,
    });
    // The failure carries the text of the message that failed; the unknown send has none to show.
    expect(all.items[2]).toMatchObject({
      messageId: t.eveningBefore.data.messageId,
      outcome: 'undelivered',
      errorCode: '30003',
      text: t.eveningBefore.data.text,
    });
    expect(all.items[0]).toMatchObject({ outcome: 'unknown', errorCode: null, text: null });
    expect(all.items[3]).toMatchObject({ step: 'evening_before', text: t.eveningBefore.data.text });

    const second = await list(t.clientId, { limit: '2', offset: '2' });
    expect(second).toMatchObject({ total: 5, limit: 2, offset: 2 });
    expect(second.items.map((i) => i.id)).toEqual([t.undelivered.id, t.eveningBefore.id]);
    expect(await list(t.clientId, { offset: '10' })).toEqual({ items: [], total: 5, limit: 20, offset: 10 });

    const audits: { action: string; subject_id: string; actor_user_id: string; details: unknown }[] =
      await db.dataSource.query(
        `SELECT action, subject_id, actor_user_id, details FROM referrals.audit_log
          WHERE client_id = $1 AND subject_type = 'client_sms' ORDER BY seq`,
        [t.clientId],
      );
    expect(audits).toEqual([
      {
        action: 'read',
        subject_id: t.clientId,
        actor_user_id: worker.userId,
        details: { limit: 20, offset: 0, results: 5 },
      },
      {
        action: 'read',
        subject_id: t.clientId,
        actor_user_id: worker.userId,
        details: { limit: 2, offset: 2, results: 2 },
      },
      {
        action: 'read',
        subject_id: t.clientId,
        actor_user_id: worker.userId,
        details: { limit: 20, offset: 10, results: 0 },
      },
    ]);
  });

  it("shows an in-reach offer's text as the offer, and its reply as a reply about the held appointment", async () => {
    const clientId = await insertClient(db, worker.orgId);
    const sms = smsEventsFor(worker.orgId, clientId);
    const appointmentId = randomUUID();
    const offer = sms.sent('2026-12-07T09:00:00Z', {
      appointmentId,
      step: 'offer',
      text: 'Hi Sam, an appointment is free for you on Wed 9 Dec at 10:20 at 14 Mill Lane. Reply YES by 17:00 Mon 7 Dec to take it, or NO if it does not suit.',
    });
    const reply = sms.reply('2026-12-07T09:20:00Z', { appointmentId, intent: 'confirm', text: 'YES' });
    await record({ kind: 'sent', event: offer }, { kind: 'reply', event: reply });
    expect((await readTimeline(clientId)).entries.map((e) => [e.kind, e.summary, e.refs])).toEqual([
      ['sms_reply', 'SMS reply (confirms): "YES"', { appointmentId }],
      ['sms_sent', `SMS sent (in-reach offer): "${offer.data.text}"`, { appointmentId }],
    ]);
    expect((await list(clientId)).items.map((i) => i.step)).toEqual([null, 'offer']);
  });

  it('keeps a fact reported twice once', async () => {
    const clientId = await insertClient(db, worker.orgId);
    const sms = smsEventsFor(worker.orgId, clientId);
    const sent = sms.sent('2026-11-02T18:00:00Z');
    const failed = sms.deliveryFailed('2026-11-02T18:01:00Z', { messageId: sent.data.messageId });
    const reply = sms.reply('2026-11-02T18:30:00Z');
    await record(
      { kind: 'sent', event: sent },
      { kind: 'delivery_failed', event: failed },
      { kind: 'reply', event: reply },
    );
    // The same facts again, as the reminders service would publish them after a crash (new event ids).
    const again = <E extends { id: string }>(e: E): E => ({ ...e, id: randomUUID() });
    await record(
      { kind: 'sent', event: again(sent) },
      { kind: 'delivery_failed', event: again(failed) },
      { kind: 'reply', event: again(reply) },
      { kind: 'sent', event: sent },
    );
    expect((await list(clientId)).items.map((i) => i.id)).toEqual([reply.id, failed.id, sent.id]);
  });

  it("refuses an event about a client the organisation does not have, and shows one organisation's texts only to it", async () => {
    const clientId = await insertClient(db, worker.orgId);
    const neighbour = await insertClient(db, worker.orgId);
    await record({
      kind: 'reply',
      event: smsEventsFor(worker.orgId, neighbour).reply('2026-11-02T18:30:00Z'),
    });

    const wrongOrg = smsEventsFor(elsewhere.orgId, clientId).sent('2026-11-02T18:00:00Z');
    await expect(record({ kind: 'sent', event: wrongOrg })).rejects.toMatchObject({
      code: 'CLIENT_NOT_FOUND',
      consumerDecision: 'dead-letter',
    });
    const stranger = smsEventsFor(worker.orgId, randomUUID()).reply('2026-11-02T18:30:00Z');
    await expect(record({ kind: 'reply', event: stranger })).rejects.toMatchObject({
      code: 'CLIENT_NOT_FOUND',
    });
    expect(await rowsOf(clientId)).toBe(0);

    expect((await list(clientId)).items).toEqual([]);
    expect((await readTimeline(clientId)).entries).toEqual([]);
    await expect(list(neighbour, {}, elsewhere)).rejects.toMatchObject({ code: 'CLIENT_NOT_FOUND' });
    await expect(readTimeline(neighbour, {}, elsewhere)).rejects.toMatchObject({ code: 'CLIENT_NOT_FOUND' });
  });

  it('pages the timeline through SMS entries at one instant without gaps or repeats', async () => {
    const clientId = await insertClient(db, worker.orgId);
    const sms = smsEventsFor(worker.orgId, clientId);
    const at = '2026-11-02T18:00:00.000Z';
    const inputs: SmsEvent[] = [];
    for (let i = 0; i < 4; i++) inputs.push({ kind: 'sent', event: sms.sent(at, { text: `text ${i}` }) });
    for (let i = 0; i < 3; i++) inputs.push({ kind: 'delivery_failed', event: sms.deliveryFailed(at) });
    for (let i = 0; i < 3; i++) inputs.push({ kind: 'reply', event: sms.reply(at, { text: `reply ${i}` }) });
    inputs.push({ kind: 'reply', event: sms.reply('2026-11-02T18:00:00.001Z') });
    await record(...inputs);
    const all = await readTimeline(clientId, { limit: '100' });
    expect(all.entries).toHaveLength(11);
    for (const limit of [1, 2, 3, 5]) {
      const seen: string[] = [];
      let before: string | null = null;
      for (let n = 0; n < 20; n++) {
        const page: TimelineView = await readTimeline(clientId, {
          limit: String(limit),
          ...(before ? { before } : {}),
        });
        seen.push(...page.entries.map((e) => `${e.kind}:${e.id}`));
        before = page.nextBefore;
        if (!before) break;
      }
      expect(seen).toEqual(all.entries.map((e) => `${e.kind}:${e.id}`));
    }
  });
});
