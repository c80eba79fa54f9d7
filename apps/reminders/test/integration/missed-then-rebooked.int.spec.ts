import { randomUUID } from 'node:crypto';
import { eventually } from '@careloop/testing';
import { aBookedEvent, anOfferBookedEvent, anOfferHeldEvent } from '../support/plan-fixtures';
import { sendReminderPausingBeforeSend } from '../support/send-reminder-from';
import {
  MISSED_TEXT,
  MORNING,
  NEW_CONFIRMATION,
  NEW_STARTS,
  useMissesAndRebooks,
} from './misses-and-rebooks';
import { at, redelivered } from './texting-through-fake-twilio';

/** The clinic records Sam's 19:00 miss at 21:00, as quiet hours begin: the text waits for 08:00. */
const DNA_RECORDED = '2026-12-02T21:00:00Z';
/** The keyworker books Sam again that evening. */
const REBOOKED = '2026-12-02T21:30:00Z';

/**
 * A keyworker who rebooks a client before their "sorry we missed you" has gone (overnight, waiting
 * for quiet hours to end) stops it: the client gets the new appointment's confirmation, not "reply to
 * rebook". The same referral, or either without one; a text already sent stays. (A rebook before the
 * miss is recorded: rebooked-before-the-miss-is-recorded.int.spec.ts.) The real Twilio adapter talks
 * to a local fake Twilio; real Postgres, BullMQ on the real Redis.
 */
describe('"sorry we missed you" when the client is rebooked first', () => {
  const { texting, missedStep, aMissedAppointment, aBooking, runJobAt } = useMissesAndRebooks({
    database: 'reminders_missed_rebooked',
    redis: 'reminders-missed-rebooked',
    startAt: DNA_RECORDED,
  });
  const { h, clock, stepOf, closed, aTextable, bodiesTo } = texting;

  /** The missed text of an evening miss, waiting for the morning. */
  async function aMissedTextWaiting(clientId: string, referralId: string | null) {
    const appointmentId = await aMissedAppointment(clientId, referralId, { recordedAt: DNA_RECORDED });
    const missed = await stepOf(appointmentId, 'missed');
    expect(missed).toMatchObject({ status: 'scheduled', due_at: new Date(MORNING) });
    return { appointmentId, missed };
  }

  /** At 08:00 the queue runs a reminder's job (whatever its row says), and the test waits for it. */
  const runInTheMorning = (reminderId: string) => runJobAt(reminderId, MORNING);

  it('a rebook for the same referral at 21:30: in the morning only the confirmation goes, never "sorry we missed you"', async () => {
    const { clientId, mobile } = await aTextable();
    const referralId = randomUUID();
    const { appointmentId, missed } = await aMissedTextWaiting(clientId, referralId);

    const rebooked = await aBooking(clientId, referralId, REBOOKED);
    expect(await missedStep(appointmentId)).toEqual([['cancelled', 'client_rebooked']]);
    await eventually(async () => expect(await h.job(missed.id)).toBeUndefined());
    const confirmation = await stepOf(rebooked.data.appointmentId, 'confirmation');
    expect(confirmation).toMatchObject({ status: 'scheduled', due_at: new Date(MORNING) });

    // Delivered again, or sent again with a new id: the booking is old news and changes nothing more.
    await h.publish(...redelivered(rebooked));
    expect(await missedStep(appointmentId)).toEqual([['cancelled', 'client_rebooked']]);
    expect((await h.reminders(rebooked.data.appointmentId)).map((r) => [r.step, r.status])).toEqual([
      ['confirmation', 'scheduled'],
      ['three_days_before', 'scheduled'],
      ['evening_before', 'scheduled'],
      ['two_hours_before', 'scheduled'],
    ]);

    // A job for the missed text that fires all the same (one not removed) finds nothing to send.
    await runInTheMorning(missed.id);
    await runInTheMorning(confirmation.id);
    expect(await closed(rebooked.data.appointmentId, 'confirmation')).toMatchObject({ status: 'sent' });
    expect(bodiesTo(mobile)).toEqual([NEW_CONFIRMATION]);
    expect(await missedStep(appointmentId)).toEqual([['cancelled', 'client_rebooked']]);
  });

  it('a rebook committed while the morning text is being prepared: the re-check under the send lock stops it', async () => {
    const { clientId, mobile } = await aTextable();
    const referralId = randomUUID();
    const { appointmentId, missed } = await aMissedTextWaiting(clientId, referralId);
    clock.set(MORNING);

    const outcome = await sendReminderPausingBeforeSend(h.running, () =>
      h.publish(aBookedEvent({ clientId, referralId, startsAt: NEW_STARTS }, at(MORNING))),
    ).execute(missed.id, { finalAttempt: false });

    expect(outcome).toEqual({ kind: 'nothing_to_do' });
    expect(await missedStep(appointmentId)).toEqual([['cancelled', 'client_rebooked']]);
    expect(
      await h.dataSource.query(`SELECT 1 FROM "reminders"."sms_message" WHERE "reminder_id" = $1`, [
        missed.id,
      ]),
    ).toEqual([]);
    expect(bodiesTo(mobile)).not.toContain(MISSED_TEXT);
  });

  it('an in-reach offer of the same referral taken that evening is a rebook too', async () => {
    const { clientId, mobile } = await aTextable();
    // Offered at midday, before the miss; its text goes at once.
    clock.set('2026-12-02T12:00:00Z');
    const held = anOfferHeldEvent(
      { clientId, startsAt: NEW_STARTS, holdExpiresAt: '2026-12-04T17:00:00Z' },
      at('2026-12-02T12:00:00Z'),
    );
    await h.publish(held);
    await closed(held.data.appointmentId, 'offer');
    const { appointmentId, missed } = await aMissedTextWaiting(clientId, held.data.referralId);

    // The keyworker confirms the held seat at 21:30.
    clock.set(REBOOKED);
    await h.publish(anOfferBookedEvent(held, at(REBOOKED)));

    expect(await missedStep(appointmentId)).toEqual([['cancelled', 'client_rebooked']]);
    await runInTheMorning(missed.id);
    expect(bodiesTo(mobile)).not.toContain(MISSED_TEXT);
  });

  it("leaves a miss of another referral alone: booking one service does not replace another's assessment", async () => {
    const { clientId, mobile } = await aTextable();
    const { appointmentId, missed } = await aMissedTextWaiting(clientId, randomUUID());

    const other = await aBooking(clientId, randomUUID(), REBOOKED);
    expect(await missedStep(appointmentId)).toEqual([['scheduled', null]]);
    expect(await h.job(missed.id)).toMatchObject({ state: 'scheduled', runAt: new Date(MORNING) });

    await runInTheMorning(missed.id);
    await runInTheMorning((await stepOf(other.data.appointmentId, 'confirmation')).id);
    expect(bodiesTo(mobile)).toEqual([MISSED_TEXT, NEW_CONFIRMATION]);
  });

  it('leaves a miss alone when the booking was made before it (its event arriving late): not a rebook', async () => {
    const { clientId } = await aTextable();
    const referralId = randomUUID();
    const { appointmentId } = await aMissedTextWaiting(clientId, referralId);

    // Booked on 1 December for the same referral, the event delivered only now.
    clock.set(REBOOKED);
    await h.publish(aBookedEvent({ clientId, referralId, startsAt: NEW_STARTS }, at('2026-12-01T12:00:00Z')));

    expect(await missedStep(appointmentId)).toEqual([['scheduled', null]]);
  });

  it('a booking for no referral ends the waiting texts of every earlier miss, of any referral or none', async () => {
    const { clientId } = await aTextable();
    const ofAReferral = await aMissedTextWaiting(clientId, randomUUID());
    const ofNone = await aMissedTextWaiting(clientId, null);
    const otherClient = await aTextable();
    const ofAnotherClient = await aMissedTextWaiting(otherClient.clientId, null);

    await aBooking(clientId, null, REBOOKED);

    expect(await missedStep(ofAReferral.appointmentId)).toEqual([['cancelled', 'client_rebooked']]);
    expect(await missedStep(ofNone.appointmentId)).toEqual([['cancelled', 'client_rebooked']]);
    expect(await missedStep(ofAnotherClient.appointmentId)).toEqual([['scheduled', null]]);
  });

  it('a miss outside any referral is ended by the next booking, whatever its referral', async () => {
    const { clientId } = await aTextable();
    const ofNone = await aMissedTextWaiting(clientId, null);

    await aBooking(clientId, randomUUID(), REBOOKED);

    expect(await missedStep(ofNone.appointmentId)).toEqual([['cancelled', 'client_rebooked']]);
    await runInTheMorning(ofNone.missed.id);
    expect(await missedStep(ofNone.appointmentId)).toEqual([['cancelled', 'client_rebooked']]);
  });

  it('a rebook after the text was sent changes nothing: sent stays sent, and the confirmation follows', async () => {
    const { clientId, mobile } = await aTextable();
    const referralId = randomUUID();
    // Missed at 10:30, recorded at 11:15: the text goes at once.
    const appointmentId = await aMissedAppointment(clientId, referralId, {
      startsAt: '2026-12-02T10:30:00Z',
      recordedAt: '2026-12-02T11:15:00Z',
    });
    expect(await closed(appointmentId, 'missed')).toMatchObject({ status: 'sent', status_reason: null });

    const rebooked = await aBooking(clientId, referralId, '2026-12-02T14:00:00Z');
    await closed(rebooked.data.appointmentId, 'confirmation');

    expect(await missedStep(appointmentId)).toEqual([['sent', null]]);
    expect(bodiesTo(mobile)).toEqual([
      'Hi Sam, sorry we missed you on Wed 2 Dec at 10:30. Would you like a new appointment? ' +
        'Reply YES and we will help you book one.',
      NEW_CONFIRMATION,
    ]);
  });
});
