import { randomUUID } from 'node:crypto';
import { twilioSid } from '@careloop/testing';
import { CLOCK, type Clock } from '@careloop/time';
import { ReminderAppointment } from '../../src/appointment/reminder-appointment.entity';
import { PlanMissed } from '../../src/plan/plan-missed';
import { ReminderJobs } from '../../src/plan/reminder-jobs';
import { REMINDERS_POLICY, type RemindersPolicy } from '../../src/reminders-policy';
import { SendReminder } from '../../src/sending/send-reminder';
import {
  aBookedEvent,
  aClientSnapshotEvent,
  aConsentChangedEvent,
  aContact,
  aContactChangedEvent,
  anAttendanceRecordedEvent,
  anOfferHeldEvent,
} from '../support/plan-fixtures';
import { sendReminderPausingBeforeSend } from '../support/send-reminder-from';
import {
  at,
  MESSAGING_SERVICE,
  redelivered,
  useRemindersTextingThroughFakeTwilio,
} from './texting-through-fake-twilio';

/** Tuesday 1 December 2026, midday GMT: the appointment is booked. */
const BOOKED_AT = '2026-12-01T12:00:00Z';
/** The appointment Sam misses: Wednesday 2 December 2026, 10:30 GMT. */
const STARTS = '2026-12-02T10:30:00Z';
/** The clinic records that Sam did not attend. */
const RECORDED = '2026-12-02T11:15:00Z';

const MISSED_TEXT =
  'Hi Sam, sorry we missed you on Wed 2 Dec at 10:30. Would you like a new appointment? ' +
  'Reply YES and we will help you book one.';

/**
 * "Sorry we missed you": booking's appointment.attendance-recorded.v1 with did_not_attend plans one
 * kind text, sent through the real Twilio adapter (the SDK) to a local fake Twilio, whose signed
 * inbound webhook posts the client's reply back over HTTP. Real Postgres, jobs on BullMQ on the real
 * Redis.
 */
describe('"sorry we missed you" after a missed appointment', () => {
  const texting = useRemindersTextingThroughFakeTwilio({
    database: 'reminders_missed',
    redis: 'reminders-missed',
    startAt: RECORDED,
  });
  const { h, clock, stepOf, closed, aMobile, aTextable, runJobNow, bodiesTo, eventsAbout } = texting;
  const plan = async (appointmentId: string) =>
    (await h.reminders(appointmentId)).map((r) => [r.step, r.status, r.status_reason]);

  /**
   * An appointment at `startsAt` the client did not attend, recorded at `recordedAt` (the clock is set
   * then). Booked a week before, as far as reminders knows, so its own plan is all past by now.
   */
  async function aMissedAppointment(clientId: string, { startsAt = STARTS, recordedAt = RECORDED } = {}) {
    clock.set(recordedAt);
    const booked = aBookedEvent({ clientId, startsAt }, at('2026-11-25T09:00:00Z'));
    const dna = anAttendanceRecordedEvent(booked, 'did_not_attend', at(recordedAt));
    await h.publish(booked, dna);
    return { booked, dna, appointmentId: booked.data.appointmentId };
  }

  it('texts a client who did not attend, kindly and at once, through Twilio; a redelivered outcome texts nothing more', async () => {
    const { clientId, mobile } = await aTextable();
    // Booked the day before: the confirmation goes then.
    clock.set(BOOKED_AT);
    const booked = aBookedEvent({ clientId, startsAt: STARTS }, at(BOOKED_AT));
    const { appointmentId } = booked.data;
    await h.publish(booked);
    await closed(appointmentId, 'confirmation');

    clock.set(RECORDED);
    const dna = anAttendanceRecordedEvent(booked, 'did_not_attend', at(RECORDED));
    await h.publish(dna);

    expect(await closed(appointmentId, 'missed')).toMatchObject({
      status: 'sent',
      status_reason: null,
      due_at: new Date(RECORDED),
    });
    expect(bodiesTo(mobile)).toEqual([
      "Hi Sam, you're booked in for Wed 2 Dec at 10:30 at Hillside Surgery, 4 Mill Lane. Reply Y to confirm or N to change it.",
      MISSED_TEXT,
    ]);
    expect(texting.fake.requests.filter((r) => r.body === MISSED_TEXT && r.to === mobile)).toEqual([
      expect.objectContaining({ messagingServiceSid: MESSAGING_SERVICE, answeredWith: 201 }),
    ]);
    expect(await plan(appointmentId)).toEqual([
      ['confirmation', 'sent', null],
      ['three_days_before', 'skipped', 'past'],
      ['evening_before', 'cancelled', 'attendance_recorded'],
      ['two_hours_before', 'cancelled', 'attendance_recorded'],
      ['missed', 'sent', null],
    ]);
    expect((await eventsAbout(clientId)).at(-1)).toMatchObject({
      type: 'reminder.sent.v1',
      data: expect.objectContaining({ appointmentId, step: 'missed', text: MISSED_TEXT, gateway: 'twilio' }),
    });

    // The same event again, or the outcome sent again with a new id: nothing is planned or sent twice.
    clock.set('2026-12-02T11:30:00Z');
    await h.publish(...redelivered(dna));
    expect((await plan(appointmentId)).filter(([step]) => step === 'missed')).toEqual([
      ['missed', 'sent', null],
    ]);
    expect(bodiesTo(mobile)).toHaveLength(2);
  });

  it('texts nobody who may not be texted: no consent, or a mobile not safe to text, says why', async () => {
    const noConsent = randomUUID();
    const unsafe = randomUUID();
    const mobiles = [aMobile(), aMobile()] as const;
    await h.publish(
      aClientSnapshotEvent(noConsent, 1),
      aContactChangedEvent(noConsent, [aContact('own_mobile', mobiles[0])]),
      aClientSnapshotEvent(unsafe, 1),
      aContactChangedEvent(unsafe, [aContact('own_mobile', mobiles[1], false)]),
      aConsentChangedEvent(unsafe, { smsReminders: true }),
    );

    for (const [clientId, reason] of [
      [noConsent, 'no_sms_consent'],
      [unsafe, 'mobile_not_safe_to_text'],
    ] as const) {
      const { appointmentId } = await aMissedAppointment(clientId);
      const missed = await stepOf(appointmentId, 'missed');
      expect(missed).toMatchObject({ status: 'skipped', status_reason: reason });
      expect(await h.job(missed.id)).toBeUndefined();
    }
    expect([...bodiesTo(mobiles[0]), ...bodiesTo(mobiles[1])]).toEqual([]);
  });

  it('texts nobody it does not know: a client not registered here yet is left to the worker, which skips', async () => {
    const { appointmentId } = await aMissedAppointment(randomUUID());
    expect(await closed(appointmentId, 'missed')).toMatchObject({
      status: 'skipped',
      status_reason: 'client_unknown',
    });
  });

  it('holds a non-attendance recorded at night until quiet hours end, and sends it then', async () => {
    const { clientId, mobile } = await aTextable();
    // An evening session at 19:00, recorded at 22:30: the text waits for 08:00.
    const { appointmentId } = await aMissedAppointment(clientId, {
      startsAt: '2026-12-02T19:00:00Z',
      recordedAt: '2026-12-02T22:30:00Z',
    });
    const missed = await stepOf(appointmentId, 'missed');
    expect(missed).toMatchObject({ status: 'scheduled', due_at: new Date('2026-12-03T08:00:00Z') });
    expect(await h.job(missed.id)).toMatchObject({
      state: 'scheduled',
      runAt: new Date('2026-12-03T08:00:00Z'),
    });
    expect(bodiesTo(mobile)).toEqual([]);

    clock.set('2026-12-03T08:00:00Z');
    await runJobNow(missed.id);
    expect(await closed(appointmentId, 'missed')).toMatchObject({ status: 'sent' });
    // Sent the next morning, it names the day it was missed, never "today".
    expect(bodiesTo(mobile)).toEqual([
      'Hi Sam, sorry we missed you on Wed 2 Dec at 19:00. Would you like a new appointment? ' +
        'Reply YES and we will help you book one.',
    ]);
  });

  it('skips a text that would go more than 24 hours after the start, saying why', async () => {
    const { clientId, mobile } = await aTextable();
    // Recorded two days late.
    const late = await aMissedAppointment(clientId, { recordedAt: '2026-12-04T09:00:00Z' });
    const skipped = await stepOf(late.appointmentId, 'missed');
    expect(skipped).toMatchObject({ status: 'skipped', status_reason: 'missed_text_too_late' });
    expect(await h.job(skipped.id)).toBeUndefined();

    // Missed at 07:30, recorded at 22:00: the morning after is too late.
    const early = await aMissedAppointment(clientId, {
      startsAt: '2026-12-02T07:30:00Z',
      recordedAt: '2026-12-02T22:00:00Z',
    });
    expect(await stepOf(early.appointmentId, 'missed')).toMatchObject({
      status: 'skipped',
      status_reason: 'missed_text_too_late_after_quiet_hours',
    });

    // Planned in time, but its job ran after the 24 hours (a backlog): under the lock it stops.
    const backlog = await aMissedAppointment(clientId, {
      startsAt: '2026-12-02T19:00:00Z',
      recordedAt: '2026-12-02T22:30:00Z',
    });
    const due = await stepOf(backlog.appointmentId, 'missed');
    clock.set('2026-12-03T19:05:00Z');
    await runJobNow(due.id);
    expect(await closed(backlog.appointmentId, 'missed')).toMatchObject({
      status: 'skipped',
      status_reason: 'missed_text_too_late',
    });
    expect(bodiesTo(mobile)).toEqual([]);
  });

  it('the outcome corrected to attended before the text went: cancelled, never sent', async () => {
    const { clientId, mobile } = await aTextable();
    const { booked, appointmentId } = await aMissedAppointment(clientId, {
      startsAt: '2026-12-02T19:00:00Z',
      recordedAt: '2026-12-02T22:30:00Z',
    });
    const missed = await stepOf(appointmentId, 'missed');

    const corrected = anAttendanceRecordedEvent(booked, 'attended', at('2026-12-02T23:00:00Z'));
    await h.publish(...redelivered(corrected));

    expect(await plan(appointmentId)).toContainEqual(['missed', 'cancelled', 'attendance_corrected']);
    expect(await h.job(missed.id)).toBeUndefined();
    // A stray job finds it cancelled; the first outcome arriving again late changes nothing.
    clock.set('2026-12-03T08:00:00Z');
    await expect(h.running.app.get(SendReminder).execute(missed.id, { finalAttempt: true })).resolves.toEqual(
      {
        kind: 'nothing_to_do',
      },
    );
    await h.publish(anAttendanceRecordedEvent(booked, 'did_not_attend', at('2026-12-02T22:30:00Z')));
    expect((await plan(appointmentId)).filter(([step]) => step === 'missed')).toEqual([
      ['missed', 'cancelled', 'attendance_corrected'],
    ]);
    expect(bodiesTo(mobile)).toEqual([]);
  });

  it('the outcome corrected while the text was being prepared: the re-check under the send lock stops it', async () => {
    const { clientId, mobile } = await aTextable();
    const { booked, appointmentId } = await aMissedAppointment(clientId, {
      startsAt: '2026-12-02T19:00:00Z',
      recordedAt: '2026-12-02T22:30:00Z',
    });
    const missed = await stepOf(appointmentId, 'missed');
    clock.set('2026-12-03T08:00:00Z');

    const outcome = await sendReminderPausingBeforeSend(h.running, () =>
      h.publish(anAttendanceRecordedEvent(booked, 'attended', at('2026-12-03T08:00:00Z'))),
    ).execute(missed.id, { finalAttempt: false });

    expect(outcome).toEqual({ kind: 'nothing_to_do' });
    expect(await stepOf(appointmentId, 'missed')).toMatchObject({
      status: 'cancelled',
      status_reason: 'attendance_corrected',
    });
    expect(
      await h.dataSource.query(`SELECT 1 FROM "reminders"."sms_message" WHERE "reminder_id" = $1`, [
        missed.id,
      ]),
    ).toEqual([]);
    expect(bodiesTo(mobile)).toEqual([]);
  });

  it('plans nothing when the service switched the text off (REMINDER_STEPS without missed)', async () => {
    const booked = aBookedEvent({ clientId: randomUUID(), startsAt: STARTS }, at('2026-11-25T09:00:00Z'));
    const { appointmentId } = booked.data;
    await h.publish(booked);
    const app = h.running.app;
    const switchedOff = new PlanMissed(
      { ...app.get<RemindersPolicy>(REMINDERS_POLICY), missedText: false },
      app.get<Clock>(CLOCK),
      app.get(ReminderJobs),
    );

    await h.dataSource.transaction(async (manager) => {
      const appointment = await manager.findOneByOrFail(ReminderAppointment, { appointmentId });
      await expect(
        switchedOff.execute(manager, Object.assign(appointment, { status: 'missed' as const }), {
          rebooked: false,
        }),
      ).resolves.toBeUndefined();
    });
    expect((await plan(appointmentId)).map(([step]) => step)).not.toContain('missed');
  });

  describe("the client's reply", () => {
    const { reply, repliesOf } = texting;

    it('is about the missed appointment: YES or "yes please" asks for a new one (confirm), a no goes to a person', async () => {
      const { clientId, mobile } = await aTextable();
      const { appointmentId } = await aMissedAppointment(clientId);
      await closed(appointmentId, 'missed');

      const yes = twilioSid('SM');
      expect(await reply(mobile, 'YES', yes)).toMatchObject({ status: 200 });
      await reply(mobile, 'yes please x');
      await reply(mobile, 'No thanks');
      // Twilio retries a delivery it thinks failed: the same message is reported once.
      await reply(mobile, 'YES', yes);

      expect(await repliesOf(clientId)).toEqual([
        ['confirm', appointmentId, 'YES'],
        ['confirm', appointmentId, 'yes please x'],
        ['other', appointmentId, 'No thanks'],
      ]);
    });

    it('is neither yes nor no while an offer the client was texted is still open: it may be what they answer', async () => {
      const { clientId, mobile } = await aTextable();
      clock.set('2026-12-02T09:00:00Z');
      const held = anOfferHeldEvent(
        { clientId, startsAt: '2026-12-09T10:20:00Z', holdExpiresAt: '2026-12-04T17:00:00Z' },
        at('2026-12-02T09:00:00Z'),
      );
      await h.publish(held);
      await closed(held.data.appointmentId, 'offer');
      const { appointmentId } = await aMissedAppointment(clientId);
      await closed(appointmentId, 'missed');

      await reply(mobile, 'YES');

      expect(await repliesOf(clientId)).toEqual([['other', appointmentId, 'YES']]);
    });
  });
});
