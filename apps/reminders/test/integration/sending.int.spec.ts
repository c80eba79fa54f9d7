import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@careloop/contracts';
import { eventually, startFakeTwilio, twilioSid, type FakeTwilio } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { ReminderAppointment } from '../../src/appointment/reminder-appointment.entity';
import { SMS_GATEWAY, type OutgoingSms, type SmsGateway } from '../../src/gateway/sms-gateway';
import { TwilioSmsGateway } from '../../src/gateway/twilio-sms-gateway';
import { PlanReminders } from '../../src/plan/plan-reminders';
import { REMINDERS_QUEUE, reminderJobId } from '../../src/plan/reminder-jobs';
import { ReschedulePendingReminders } from '../../src/plan/reschedule-pending-reminders';
import { SendReminder } from '../../src/sending/send-reminder';
import { deferredReminderJobId } from '../../src/sending/send-reminder-worker';
import { SendingModule } from '../../src/sending/sending.module';
import {
  aBookedEvent,
  aClientSnapshotEvent,
  aConsentChangedEvent,
  aContact,
  aContactChangedEvent,
  aRescheduledEvent,
  remindersPlansWith,
} from '../support/plan-fixtures';
import { reminderSteps } from '../support/reminder-steps';
import { eventsAbout as outboxEventsAbout } from '../support/reminders-outbox';
import { sendReminderFrom, sendReminderPausingBeforeSend } from '../support/send-reminder-from';
import { useRemindersPlans } from '../support/use-reminders-plans';

const AUTH_TOKEN = 'fake-twilio-auth-token-0123456789';
const MESSAGING_SERVICE = twilioSid('MG');
const PUBLIC_BASE_URL = 'https://reminders.careloop.test';
/** Friday 20 March 2026, midday GMT: well outside quiet hours. */
const NOON = '2026-03-20T12:00:00Z';
/** Retries of a failed run within a second, and the last after three runs. */
const FAST_JOBS = { concurrency: 2, maxAttempts: 3, backoffMs: 200 };

interface TextRow {
  id: string;
  reminder_id: string;
  client_id: string;
  to: string;
  body: string;
  encoding: string;
  segments: number;
  gateway: string;
  gateway_message_id: string | null;
  status: string;
  error_code: string | null;
  sent_at: Date | null;
}

/**
 * The sending worker in the reminders service, fed by client and booking events: real Postgres, jobs
 * on BullMQ on the real Redis, and the real Twilio adapter (the SDK) talking to a local fake Twilio.
 */
describe('sending due reminders, at most once', () => {
  let fake: FakeTwilio;
  const clock = new ManualClock(NOON);

  beforeAll(async () => {
    fake = await startFakeTwilio({ authToken: AUTH_TOKEN });
  });

  const h = useRemindersPlans({
    database: 'reminders_sending',
    redis: 'reminders-sending',
    clock,
    module: remindersPlansWith(SendingModule.withJobPolicy(FAST_JOBS)),
    env: () => ({
      SMS_GATEWAY: 'twilio',
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_MESSAGING_SERVICE_SID: MESSAGING_SERVICE,
      TWILIO_API_BASE_URL: fake.baseUrl,
      PUBLIC_BASE_URL,
    }),
  });
  afterAll(() => fake?.close());

  beforeEach(() => clock.set(NOON));

  // Each test texts its own number, from Ofcom's drama range.
  let numbers = 0;
  const aMobile = () => `+4477009001${String(numbers++).padStart(2, '0')}`;

  /** A client as the referrals service describes them: registered, their contacts, their consent. */
  async function aClient(
    options: {
      mobile?: string | null;
      safeToText?: boolean;
      smsConsent?: boolean;
      registered?: boolean;
    } = {},
  ): Promise<{ clientId: string; mobile: string | null }> {
    const clientId = randomUUID();
    const mobile = options.mobile === undefined ? aMobile() : options.mobile;
    const events: EventEnvelope[] = [];
    if (options.registered ?? true) events.push(aClientSnapshotEvent(clientId, 1));
    // The family phone is never texted, whatever else is on record.
    const contacts = [aContact('family', '+447700900999')];
    if (mobile) contacts.push(aContact('own_mobile', mobile, options.safeToText ?? true));
    events.push(aContactChangedEvent(clientId, contacts));
    if (options.smsConsent ?? true) events.push(aConsentChangedEvent(clientId, { smsReminders: true }));
    await h.publish(...events);
    return { clientId, mobile };
  }

  const { stepOf, closed } = reminderSteps(h);
  const textsOf = (reminderId: string) =>
    h.dataSource.query<TextRow[]>(`SELECT * FROM "reminders"."sms_message" WHERE "reminder_id" = $1`, [
      reminderId,
    ]);
  const requestsTo = (mobile: string | null) => fake.requests.filter((r) => r.to === mobile);
  const eventsAbout = (clientId: string) => outboxEventsAbout(h.dataSource, clientId);
  const clientRow = async (clientId: string) =>
    (
      await h.dataSource.query<{ opted_out_at: Date | null }[]>(
        `SELECT "opted_out_at" FROM "reminders"."client" WHERE "client_id" = $1`,
        [clientId],
      )
    )[0];
  const sendReminder = () => h.running.app.get(SendReminder);
  /** Runs a reminder's own job now, as a worker that fell behind would. */
  const runJobNow = (reminderId: string) =>
    h.scheduler.schedule(REMINDERS_QUEUE, {
      id: reminderJobId(reminderId),
      runAt: clock.now(),
      data: { reminderId },
    });

  it("sends a due reminder once, with the composed text, to the client's own mobile", async () => {
    const { clientId, mobile } = await aClient();
    // Wednesday 25 March 2026, 10:00 GMT.
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);

    const confirmation = await closed(booked.data.appointmentId, 'confirmation');
    expect(confirmation).toMatchObject({ status: 'sent', status_reason: null });
    const text =
      "Hi Sam, you're booked in for Wed 25 Mar at 10:00 at Hillside Surgery, 4 Mill Lane. Reply Y to confirm or N to change it.";
    const requests = requestsTo(mobile);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      body: text,
      messagingServiceSid: MESSAGING_SERVICE,
      answeredWith: 201,
    });
    expect(fake.requests.filter((r) => r.to === '+447700900999')).toEqual([]);

    const texts = await textsOf(confirmation.id);
    expect(texts).toEqual([
      expect.objectContaining({
        client_id: clientId,
        to: mobile,
        body: text,
        encoding: 'GSM-7',
        segments: 1,
        gateway: 'twilio',
        gateway_message_id: requests[0]!.messageSid,
        status: 'queued',
        error_code: null,
        sent_at: new Date(NOON),
      }),
    ]);
    // Our id on the callback URL finds the text even if its receipt overtakes Twilio's answer.
    expect(requests[0]!.statusCallback).toBe(
      `${PUBLIC_BASE_URL}/webhooks/twilio/status?messageId=${texts[0]!.id}`,
    );
    const events = await eventsAbout(clientId);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'reminder.sent.v1',
        orgId: booked.orgId,
        data: {
          messageId: texts[0]!.id,
          clientId,
          appointmentId: booked.data.appointmentId,
          step: 'confirmation',
          text,
          gateway: 'twilio',
          sentAt: new Date(NOON).toISOString(),
        },
      }),
    ]);
    // The care record gets the text, never the number.
    expect(JSON.stringify(events)).not.toContain(mobile!.slice(3));
    expect(await h.job(confirmation.id)).toMatchObject({ state: 'completed', attemptsMade: 1 });
  });

  it.each([
    ['client_unknown', 'the client is not registered here', { registered: false }],
    ['no_sms_consent', 'the client has not consented to texts', { smsConsent: false }],
    ['no_mobile', 'the client has no own mobile', { mobile: null }],
    ['mobile_not_safe_to_text', 'the mobile is not safe to text', { safeToText: false }],
  ])('skips with %s and sends nothing when %s', async (reason, _case, client) => {
    const { clientId, mobile } = await aClient(client);
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);

    const confirmation = await closed(booked.data.appointmentId, 'confirmation');
    expect(confirmation).toMatchObject({ status: 'skipped', status_reason: reason });
    expect(await textsOf(confirmation.id)).toEqual([]);
    if (mobile) expect(requestsTo(mobile)).toEqual([]);
    expect(await eventsAbout(clientId)).toEqual([]);
  });

  it('skips a reminder whose job runs after the appointment started', async () => {
    const { clientId, mobile } = await aClient();
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-20T15:00:00Z' });
    await h.publish(booked);
    await closed(booked.data.appointmentId, 'confirmation');
    const twoHoursBefore = await stepOf(booked.data.appointmentId, 'two_hours_before');

    clock.set('2026-03-20T15:05:00Z');
    await runJobNow(twoHoursBefore.id);

    expect(await closed(booked.data.appointmentId, 'two_hours_before')).toMatchObject({
      status: 'skipped',
      status_reason: 'appointment_started',
    });
    expect(await textsOf(twoHoursBefore.id)).toEqual([]);
    expect(requestsTo(mobile)).toHaveLength(1); // the confirmation only
  });

  it('a job running late into quiet hours waits for their end, then sends', async () => {
    const { clientId, mobile } = await aClient();
    // Saturday 21 March 11:00 GMT (two hours before: 09:00); the evening-before text was due at 18:00
    // and its job ran at 22:30.
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-21T11:00:00Z' });
    await h.publish(booked);
    await closed(booked.data.appointmentId, 'confirmation');
    const eveningBefore = await stepOf(booked.data.appointmentId, 'evening_before');

    clock.set('2026-03-20T22:30:00Z');
    await runJobNow(eveningBefore.id);

    const endOfQuiet = new Date('2026-03-21T08:00:00Z');
    await eventually(async () =>
      expect(
        await h.scheduler.inspect(REMINDERS_QUEUE, deferredReminderJobId(eveningBefore.id, endOfQuiet)),
      ).toMatchObject({ state: 'scheduled', runAt: endOfQuiet, data: { reminderId: eveningBefore.id } }),
    );
    expect(await stepOf(booked.data.appointmentId, 'evening_before')).toMatchObject({
      status: 'scheduled',
      due_at: endOfQuiet,
    });
    expect(await textsOf(eveningBefore.id)).toEqual([]);
    expect(requestsTo(mobile)).toHaveLength(1); // the confirmation only

    // 08:00: the deferred job's run.
    clock.set(endOfQuiet);
    expect(await sendReminder().execute(eveningBefore.id, { finalAttempt: false })).toMatchObject({
      kind: 'sent',
    });
    expect(requestsTo(mobile).map((r) => r.body)).toEqual([
      expect.stringContaining("you're booked in for Sat 21 Mar at 11:00"),
      expect.stringContaining('reminder: appointment Sat 21 Mar at 11:00'),
    ]);
  });

  it('steps all overdue after an outage: only the latest goes, the others are skipped', async () => {
    const { clientId, mobile } = await aClient();
    // Wednesday 25 March 10:00 GMT; the service was down from Sunday until Tuesday 18:30, so three days
    // before (Sunday 10:00) and the evening before (Tuesday 18:00) are both overdue.
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);
    await closed(booked.data.appointmentId, 'confirmation');
    const threeDaysBefore = await stepOf(booked.data.appointmentId, 'three_days_before');
    const eveningBefore = await stepOf(booked.data.appointmentId, 'evening_before');

    clock.set('2026-03-24T18:30:00Z');
    await Promise.all([runJobNow(threeDaysBefore.id), runJobNow(eveningBefore.id)]);

    expect(await closed(booked.data.appointmentId, 'three_days_before')).toMatchObject({
      status: 'skipped',
      status_reason: 'later_step_due',
    });
    expect(await closed(booked.data.appointmentId, 'evening_before')).toMatchObject({ status: 'sent' });
    expect(await textsOf(threeDaysBefore.id)).toEqual([]);
    expect(requestsTo(mobile).map((r) => r.body)).toEqual([
      expect.stringContaining("you're booked in for Wed 25 Mar at 10:00"),
      expect.stringContaining('reminder: appointment Wed 25 Mar at 10:00'),
    ]);
    expect((await eventsAbout(clientId)).map((e) => [e.type, e.data['step']])).toEqual([
      ['reminder.sent.v1', 'confirmation'],
      ['reminder.sent.v1', 'evening_before'],
    ]);
    // The two hours before is not due yet: it goes at its time.
    expect(await stepOf(booked.data.appointmentId, 'two_hours_before')).toMatchObject({
      status: 'scheduled',
    });
  });

  it('skips a reminder caught by quiet hours that end only after the appointment starts', async () => {
    const { clientId, mobile } = await aClient();
    // Saturday 21 March 07:30 GMT: quiet hours end at 08:00, too late.
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-21T07:30:00Z' });
    await h.publish(booked);
    await closed(booked.data.appointmentId, 'confirmation');
    const eveningBefore = await stepOf(booked.data.appointmentId, 'evening_before');

    clock.set('2026-03-20T22:30:00Z');
    await runJobNow(eveningBefore.id);

    expect(await closed(booked.data.appointmentId, 'evening_before')).toMatchObject({
      status: 'skipped',
      status_reason: 'quiet_hours',
    });
    expect(requestsTo(mobile)).toHaveLength(1);
  });

  it('a job that runs again after sending, even much later, sends nothing more', async () => {
    const { clientId, mobile } = await aClient();
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);
    const confirmation = await closed(booked.data.appointmentId, 'confirmation');

    // The same job id added again with another time: the scheduler runs it afresh.
    clock.advance(60_000);
    await runJobNow(confirmation.id);
    await eventually(async () =>
      expect(await h.job(confirmation.id)).toMatchObject({ state: 'completed', runAt: clock.now() }),
    );
    // And the start-up sweep finds nothing scheduled to re-add for it.
    await h.running.app.get(ReschedulePendingReminders).run();

    expect(requestsTo(mobile)).toHaveLength(1);
    expect(await textsOf(confirmation.id)).toHaveLength(1);
    expect((await eventsAbout(clientId)).map((e) => e.type)).toEqual(['reminder.sent.v1']);
  });

  it('a run alongside one that is sending waits for it, then has nothing to do: the text goes once', async () => {
    const { clientId, mobile } = await aClient();
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);
    await closed(booked.data.appointmentId, 'confirmation');
    // Sunday 22 March 10:00: its job is days away, so only the runs below touch it.
    const threeDaysBefore = await stepOf(booked.data.appointmentId, 'three_days_before');
    clock.set(threeDaysBefore.due_at);

    const held = holdingGateway(h.running.app.get<SmsGateway>(SMS_GATEWAY));
    const first = senderThrough(held).execute(threeDaysBefore.id, { finalAttempt: false });
    await eventually(() => expect(held.waiting).toHaveLength(1));

    const second = settled(sendReminder().execute(threeDaysBefore.id, { finalAttempt: true }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(second.result).toBeUndefined();
    held.release();
    expect(await first).toMatchObject({ kind: 'sent' });
    expect(await second.promise).toEqual({ kind: 'nothing_to_do' });

    expect(held.calls).toBe(1);
    expect(requestsTo(mobile).map((r) => r.body)).toEqual([
      expect.stringContaining("you're booked in for"),
      expect.stringContaining('your appointment is on Wed 25 Mar at 10:00'),
    ]);
    expect(await textsOf(threeDaysBefore.id)).toEqual([expect.objectContaining({ status: 'queued' })]);
  });

  it('a duplicate run between the two transactions of a send waits: the text is not taken for a dead one', async () => {
    const { clientId, mobile } = await aClient();
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);
    await closed(booked.data.appointmentId, 'confirmation');
    const threeDaysBefore = await stepOf(booked.data.appointmentId, 'three_days_before');
    clock.set(threeDaysBefore.due_at);

    let duplicate: Settled<unknown> | undefined;
    const outcome = await senderPausingBeforeSend(async () => {
      // The text is committed `sending`; the deferred job of the same reminder runs now.
      duplicate = settled(sendReminder().execute(threeDaysBefore.id, { finalAttempt: false }));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(duplicate.result).toBeUndefined();
    }).execute(threeDaysBefore.id, { finalAttempt: false });

    expect(outcome).toMatchObject({ kind: 'sent' });
    expect(await duplicate!.promise).toEqual({ kind: 'nothing_to_do' });
    expect(await stepOf(booked.data.appointmentId, 'three_days_before')).toMatchObject({ status: 'sent' });
    expect(await textsOf(threeDaysBefore.id)).toEqual([expect.objectContaining({ status: 'queued' })]);
    expect(requestsTo(mobile)).toHaveLength(2);
    expect((await eventsAbout(clientId)).map((e) => e.type)).toEqual([
      'reminder.sent.v1',
      'reminder.sent.v1',
    ]);
  });

  it('a reschedule committed after the text was prepared: nothing goes with the old time', async () => {
    const { clientId, mobile } = await aClient();
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' }, { occurredAt: NOON });
    await h.publish(booked);
    await closed(booked.data.appointmentId, 'confirmation');
    const threeDaysBefore = await stepOf(booked.data.appointmentId, 'three_days_before');
    clock.set(threeDaysBefore.due_at);
    const moved = aRescheduledEvent(booked, '2026-03-26T14:00:00Z', {
      occurredAt: clock.now().toISOString(),
    });

    const outcome = await senderPausingBeforeSend(async () => {
      expect(await textsOf(threeDaysBefore.id)).toEqual([expect.objectContaining({ status: 'sending' })]);
      await h.publish(moved);
    }).execute(threeDaysBefore.id, { finalAttempt: false });

    expect(outcome).toEqual({ kind: 'nothing_to_do' });
    expect(await stepOf(booked.data.appointmentId, 'three_days_before')).toMatchObject({
      status: 'superseded',
    });
    expect(await textsOf(threeDaysBefore.id)).toEqual([]);
    // The new plan's confirmation tells the new time; nothing after the first text tells the old one.
    await closed(booked.data.appointmentId, 'confirmation', 2);
    const bodies = requestsTo(mobile).map((r) => r.body ?? '');
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toContain('Thu 26 Mar at 14:00');
    expect(bodies[1]).not.toContain('Wed 25 Mar');
  });

  it('the number removed after the text was prepared: nothing sent, the reminder skipped with the reason', async () => {
    const { clientId, mobile } = await aClient();
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);
    await closed(booked.data.appointmentId, 'confirmation');
    const threeDaysBefore = await stepOf(booked.data.appointmentId, 'three_days_before');
    clock.set(threeDaysBefore.due_at);

    const outcome = await senderPausingBeforeSend(() =>
      h.publish(aContactChangedEvent(clientId, [aContact('family', '+447700900999')])),
    ).execute(threeDaysBefore.id, { finalAttempt: false });

    expect(outcome).toEqual({ kind: 'skipped', reason: 'no_mobile' });
    expect(await stepOf(booked.data.appointmentId, 'three_days_before')).toMatchObject({
      status: 'skipped',
      status_reason: 'no_mobile',
    });
    expect(await textsOf(threeDaysBefore.id)).toEqual([]);
    expect(requestsTo(mobile)).toHaveLength(1); // the confirmation only
    expect((await eventsAbout(clientId)).map((e) => e.type)).toEqual(['reminder.sent.v1']);
  });

  it('a job that failed for good closes its reminder: skipped as send_failed, the keyworker told', async () => {
    const { clientId, mobile } = await aClient();
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);
    await closed(booked.data.appointmentId, 'confirmation');
    const threeDaysBefore = await stepOf(booked.data.appointmentId, 'three_days_before');
    clock.set(threeDaysBefore.due_at);

    expect(await sendReminder().giveUp(threeDaysBefore.id)).toEqual({
      kind: 'skipped',
      reason: 'send_failed',
    });

    expect(await stepOf(booked.data.appointmentId, 'three_days_before')).toMatchObject({
      status: 'skipped',
      status_reason: 'send_failed',
    });
    expect((await eventsAbout(clientId)).slice(1)).toEqual([
      expect.objectContaining({
        type: 'reminder.delivery-failed.v1',
        data: expect.objectContaining({
          clientId,
          appointmentId: booked.data.appointmentId,
          outcome: 'failed',
          errorCode: 'send_failed',
        }),
      }),
    ]);
    // Closed: a later run of its job sends nothing.
    expect(await sendReminder().execute(threeDaysBefore.id, { finalAttempt: false })).toEqual({
      kind: 'nothing_to_do',
    });
    expect(requestsTo(mobile)).toHaveLength(1);
  });

  it('a job that failed for good with its text left sending: unknown, flagged, never resent', async () => {
    const { clientId } = await aClient();
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);
    await closed(booked.data.appointmentId, 'confirmation');
    const threeDaysBefore = await stepOf(booked.data.appointmentId, 'three_days_before');
    clock.set(threeDaysBefore.due_at);
    // The run died after committing its text: its second transaction never ran.
    await expect(
      senderPausingBeforeSend(() => Promise.reject(new Error('worker lost'))).execute(threeDaysBefore.id, {
        finalAttempt: true,
      }),
    ).rejects.toThrow('worker lost');

    expect(await sendReminder().giveUp(threeDaysBefore.id)).toMatchObject({ kind: 'unknown' });

    expect(await stepOf(booked.data.appointmentId, 'three_days_before')).toMatchObject({
      status: 'unknown',
      status_reason: 'send_outcome_unknown',
    });
    const [text] = await textsOf(threeDaysBefore.id);
    expect(text).toMatchObject({ status: 'unknown' });
    expect((await eventsAbout(clientId)).slice(1)).toEqual([
      expect.objectContaining({
        type: 'reminder.delivery-failed.v1',
        data: expect.objectContaining({ messageId: text!.id, outcome: 'unknown' }),
      }),
    ]);
  });

  it('a redelivered booking event, or the plan made again, sends nothing twice; a reschedule is one new text', async () => {
    const { clientId, mobile } = await aClient();
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' }, { occurredAt: NOON });
    await h.publish(booked);
    await closed(booked.data.appointmentId, 'confirmation');
    const plan = await h.reminders(booked.data.appointmentId);

    // The same event again, a copy of it under a new id, the plan made again, the start-up sweep.
    await h.publish(booked, { ...booked, id: randomUUID() });
    const appointment = await h.dataSource.manager.findOneByOrFail(ReminderAppointment, {
      appointmentId: booked.data.appointmentId,
    });
    expect(
      await h.dataSource.transaction((m: EntityManager) =>
        h.running.app.get(PlanReminders).execute(m, appointment),
      ),
    ).toEqual([]);
    await h.running.app.get(ReschedulePendingReminders).run();
    expect(await h.reminders(booked.data.appointmentId)).toEqual(plan);

    // Moved to Thursday 26 March 14:00, and that event delivered twice: the client is told the new time once.
    clock.advance(60 * 60_000);
    const moved = aRescheduledEvent(booked, '2026-03-26T14:00:00Z', {
      occurredAt: clock.now().toISOString(),
    });
    await h.publish(moved);
    await closed(booked.data.appointmentId, 'confirmation', 2);
    await h.publish(moved);

    const when = (text: string) => /\w{3} \d+ \w{3} at \d\d:\d\d/.exec(text)?.[0];
    expect(requestsTo(mobile).map((r) => when(r.body ?? ''))).toEqual([
      'Wed 25 Mar at 10:00',
      'Thu 26 Mar at 14:00',
    ]);
    expect((await eventsAbout(clientId)).map((e) => [e.type, when(String(e.data['text']))])).toEqual([
      ['reminder.sent.v1', 'Wed 25 Mar at 10:00'],
      ['reminder.sent.v1', 'Thu 26 Mar at 14:00'],
    ]);
    expect((await h.reminders(booked.data.appointmentId)).map((r) => r.appointment_version)).toEqual([
      1, 1, 1, 1, 2, 2, 2, 2,
    ]);
  });

  it('Twilio 21610 (the number opted out): the text failed, the client is opted out, the keyworker told', async () => {
    const { clientId, mobile } = await aClient();
    fake.failNext(1, { status: 400, code: 21610 });
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);

    const confirmation = await closed(booked.data.appointmentId, 'confirmation');
    expect(confirmation).toMatchObject({ status: 'skipped', status_reason: 'gateway_rejected:21610' });
    const [text] = await textsOf(confirmation.id);
    expect(text).toMatchObject({ status: 'failed', error_code: '21610', gateway_message_id: null });
    expect((await clientRow(clientId))?.opted_out_at).toEqual(new Date(NOON));
    expect(await eventsAbout(clientId)).toEqual([
      // As a STOP reply would: referrals withdraws the client's consent to texts.
      expect.objectContaining({
        type: 'client.sms-opted-out.v1',
        actor: { kind: 'system', id: 'system:reminders' },
        data: { clientId, keyword: '21610', receivedAt: new Date(NOON).toISOString() },
      }),
      expect.objectContaining({
        type: 'reminder.delivery-failed.v1',
        data: {
          messageId: text!.id,
          clientId,
          appointmentId: booked.data.appointmentId,
          outcome: 'failed',
          errorCode: '21610',
          at: new Date(NOON).toISOString(),
        },
      }),
    ]);
    // Refused, so not retried.
    expect(await h.job(confirmation.id)).toMatchObject({ state: 'completed', attemptsMade: 1 });

    // The next appointment's texts are not even tried.
    const next = aBookedEvent({ clientId, startsAt: '2026-03-27T10:00:00Z' });
    await h.publish(next);
    expect(await closed(next.data.appointmentId, 'confirmation')).toMatchObject({
      status: 'skipped',
      status_reason: 'opted_out',
    });
    expect(requestsTo(mobile)).toHaveLength(1);
  });

  it('Twilio 429 then success: one SMS', async () => {
    const { clientId, mobile } = await aClient();
    fake.failNext(1, { status: 429, code: 20429 });
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);

    const confirmation = await closed(booked.data.appointmentId, 'confirmation');
    expect(confirmation.status).toBe('sent');
    expect(requestsTo(mobile).map((r) => r.answeredWith)).toEqual([429, 201]);
    expect(await textsOf(confirmation.id)).toEqual([
      expect.objectContaining({ status: 'queued', gateway_message_id: requestsTo(mobile)[1]!.messageSid }),
    ]);
    expect((await eventsAbout(clientId)).map((e) => e.type)).toEqual(['reminder.sent.v1']);
  });

  it('a gateway down for a whole run: the job is retried from the start and the text goes once', async () => {
    const { clientId, mobile } = await aClient();
    // The adapter tries four times in a run: the whole first run fails.
    fake.failNext(4, { status: 503, code: 20500 });
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);

    const confirmation = await closed(booked.data.appointmentId, 'confirmation');
    expect(confirmation.status).toBe('sent');
    expect(requestsTo(mobile).map((r) => r.answeredWith)).toEqual([503, 503, 503, 503, 201]);
    expect(await textsOf(confirmation.id)).toEqual([expect.objectContaining({ status: 'queued' })]);
    expect((await eventsAbout(clientId)).map((e) => e.type)).toEqual(['reminder.sent.v1']);
    // One run failed (its text row removed: nothing had gone), the next sent.
    expect(await h.job(confirmation.id)).toMatchObject({ state: 'completed', attemptsMade: 2 });
  });

  it('a gateway down through the last attempt: skipped as gateway_unavailable, the keyworker told', async () => {
    const { clientId, mobile } = await aClient();
    fake.failNext(4 * FAST_JOBS.maxAttempts, { status: 503, code: 20500 });
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);

    const confirmation = await closed(booked.data.appointmentId, 'confirmation');
    expect(confirmation).toMatchObject({ status: 'skipped', status_reason: 'gateway_unavailable' });
    expect(requestsTo(mobile)).toHaveLength(4 * FAST_JOBS.maxAttempts);
    expect(requestsTo(mobile).every((r) => r.answeredWith === 503)).toBe(true);
    const [text] = await textsOf(confirmation.id);
    expect(text).toMatchObject({ status: 'failed', error_code: 'gateway_unavailable' });
    expect(await eventsAbout(clientId)).toEqual([
      expect.objectContaining({
        type: 'reminder.delivery-failed.v1',
        data: expect.objectContaining({
          messageId: text!.id,
          outcome: 'failed',
          errorCode: 'gateway_unavailable',
        }),
      }),
    ]);
    expect(await h.job(confirmation.id)).toMatchObject({ state: 'completed' });
  }, 30_000);

  it('no answer from Twilio after the request left: unknown, flagged for a person, never resent', async () => {
    const { clientId, mobile } = await aClient();
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);
    await closed(booked.data.appointmentId, 'confirmation');
    const threeDaysBefore = await stepOf(booked.data.appointmentId, 'three_days_before');
    clock.set(threeDaysBefore.due_at);
    // The same adapter, with a short timeout, so the test need not wait ten seconds.
    const impatient = new TwilioSmsGateway({
      accountSid: fake.accountSid,
      authToken: AUTH_TOKEN,
      sender: { messagingServiceSid: MESSAGING_SERVICE },
      rateLimit: { ratePerSecond: 10, burst: 10 },
      apiBaseUrl: fake.baseUrl,
      timeoutMs: 300,
    });
    fake.stallNext(1);

    const outcome = await senderThrough(impatient).execute(threeDaysBefore.id, { finalAttempt: false });

    expect(outcome).toMatchObject({ kind: 'unknown' });
    expect(await stepOf(booked.data.appointmentId, 'three_days_before')).toMatchObject({
      status: 'unknown',
      status_reason: 'send_outcome_unknown',
    });
    const [text] = await textsOf(threeDaysBefore.id);
    expect(text).toMatchObject({
      status: 'unknown',
      error_code: expect.any(String),
      gateway_message_id: null,
    });
    expect((await eventsAbout(clientId)).slice(1)).toEqual([
      expect.objectContaining({
        type: 'reminder.delivery-failed.v1',
        data: expect.objectContaining({ messageId: text!.id, outcome: 'unknown' }),
      }),
    ]);
    // Its job, run again, leaves it to the person.
    clock.advance(1_000);
    await runJobNow(threeDaysBefore.id);
    await eventually(async () =>
      expect(await h.job(threeDaysBefore.id)).toMatchObject({ state: 'completed', runAt: clock.now() }),
    );
    expect(requestsTo(mobile)).toHaveLength(2); // the confirmation, and the one whose fate is unknown
  });

  /** SendReminder as the module builds it, but through another gateway. */
  function senderThrough(gateway: SmsGateway): SendReminder {
    return sendReminderFrom(h.running, { gateway });
  }

  /** SendReminder that runs `between` after committing the text `sending`, before its send transaction. */
  function senderPausingBeforeSend(between: () => Promise<unknown>): SendReminder {
    return sendReminderPausingBeforeSend(h.running, between);
  }
});

interface Settled<T> {
  promise: Promise<T>;
  /** Set once the promise has settled. */
  result?: { value: T } | { error: unknown };
}

/** A promise, and whether it has settled yet. */
function settled<T>(promise: Promise<T>): Settled<T> {
  const watched: Settled<T> = { promise };
  promise.then(
    (value) => (watched.result = { value }),
    (error: unknown) => (watched.result = { error }),
  );
  return watched;
}

/** A gateway that holds each send before it leaves, until released: a send in progress, for as long as needed. */
function holdingGateway(inner: SmsGateway): SmsGateway & {
  waiting: OutgoingSms[];
  calls: number;
  release(): void;
} {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const held = {
    name: inner.name,
    waiting: [] as OutgoingSms[],
    calls: 0,
    release: () => open(),
    async send(message: OutgoingSms) {
      held.calls += 1;
      held.waiting.push(message);
      await gate;
      return inner.send(message);
    },
  };
  return held;
}
