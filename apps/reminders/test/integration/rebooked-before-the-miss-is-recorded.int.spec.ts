import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { eventually } from '@careloop/testing';
import { RecordAppointmentBooked } from '../../src/appointment/record-appointment-booked';
import { RecordAttendance } from '../../src/appointment/record-attendance';
import {
  aBookedEvent,
  aCancelledEvent,
  anAttendanceRecordedEvent,
  anOfferBookedEvent,
  anOfferHeldEvent,
} from '../support/plan-fixtures';
import {
  MISSED_TEXT,
  MORNING,
  NEW_CONFIRMATION,
  NEW_STARTS,
  useMissesAndRebooks,
} from './misses-and-rebooks';
import { at, redelivered } from './texting-through-fake-twilio';

/** Sam rings at 19:40 about the 19:00 appointment they missed; the keyworker books them again at 20:00. */
const REBOOKED = '2026-12-02T20:00:00Z';
/** The clinic records the miss the next morning, in time for a text at once (and out of quiet hours). */
const NEXT_MORNING = '2026-12-03T09:00:00Z';

/**
 * Booking's events are keyed by appointment id, so the new booking and the missed appointment's
 * attendance arrive in either order. A client already rebooked when the miss is recorded is never
 * told "sorry we missed you, reply to rebook": the same rule as a rebook that comes after the miss
 * (missed-then-rebooked.int.spec.ts). The real Twilio adapter talks to a local fake Twilio; real
 * Postgres, BullMQ on the real Redis.
 */
describe('"sorry we missed you" when the rebook came before the miss was recorded', () => {
  const misses = useMissesAndRebooks({
    database: 'reminders_rebooked_before_miss',
    redis: 'reminders-rebooked-before-miss',
    startAt: REBOOKED,
  });
  const { h, clock, stepOf, closed, aTextable, bodiesTo } = misses.texting;
  const { missedStep, anAppointmentBookedEarlier, aMissRecorded, aBooking, runJobAt } = misses;

  /** Sam's 19:00 appointment for `referralId`, booked a week before, and a textable Sam. */
  async function samMissesAnAppointment(referralId: string | null) {
    const sam = await aTextable();
    clock.set(REBOOKED);
    const missed = await anAppointmentBookedEarlier(sam.clientId, referralId);
    return { ...sam, missed, missedId: missed.data.appointmentId };
  }

  /** The miss recorded next morning said sorry: the text went at once. */
  async function expectSorrySent(missedId: string, mobile: string) {
    expect(await closed(missedId, 'missed')).toMatchObject({ status: 'sent', status_reason: null });
    expect(bodiesTo(mobile)).toContain(MISSED_TEXT);
  }

  it('a rebook for the same referral the evening before: no "sorry we missed you" at any time, only the confirmation', async () => {
    const referralId = randomUUID();
    const { clientId, mobile, missed, missedId } = await samMissesAnAppointment(referralId);
    const rebooked = await aBooking(clientId, referralId, REBOOKED);
    expect(await closed(rebooked.data.appointmentId, 'confirmation')).toMatchObject({ status: 'sent' });

    await aMissRecorded(missed, NEXT_MORNING);

    expect(await missedStep(missedId)).toEqual([['skipped', 'client_rebooked']]);
    const skipped = await stepOf(missedId, 'missed');
    expect(await h.job(skipped.id)).toBeUndefined();
    // The outcome delivered again, or sent again with a new id, plans nothing more.
    await h.publish(...redelivered(anAttendanceRecordedEvent(missed, 'did_not_attend', at(NEXT_MORNING))));
    expect(await missedStep(missedId)).toEqual([['skipped', 'client_rebooked']]);
    // A stray job for it, that morning or later, finds nothing to send.
    await runJobAt(skipped.id, '2026-12-03T09:05:00Z');
    expect(bodiesTo(mobile)).toEqual([NEW_CONFIRMATION]);
  });

  it('an in-reach offer of the same referral taken the evening before is a rebook too', async () => {
    const { clientId, mobile } = await aTextable();
    clock.set('2026-12-02T12:00:00Z');
    const held = anOfferHeldEvent(
      { clientId, startsAt: NEW_STARTS, holdExpiresAt: '2026-12-04T17:00:00Z' },
      at('2026-12-02T12:00:00Z'),
    );
    await h.publish(held);
    await closed(held.data.appointmentId, 'offer');
    clock.set(REBOOKED);
    const missed = await anAppointmentBookedEarlier(clientId, held.data.referralId);
    await h.publish(anOfferBookedEvent(held, at(REBOOKED)));

    await aMissRecorded(missed, NEXT_MORNING);

    expect(await missedStep(missed.data.appointmentId)).toEqual([['skipped', 'client_rebooked']]);
    expect(bodiesTo(mobile)).not.toContain(MISSED_TEXT);
  });

  it('an offer held but not taken is no rebook: the client still hears they were missed', async () => {
    const { clientId, mobile } = await aTextable();
    clock.set(REBOOKED);
    const held = anOfferHeldEvent(
      { clientId, startsAt: NEW_STARTS, holdExpiresAt: '2026-12-04T17:00:00Z' },
      at(REBOOKED),
    );
    await h.publish(held);
    const missed = await anAppointmentBookedEarlier(clientId, held.data.referralId);

    await aMissRecorded(missed, NEXT_MORNING);

    await expectSorrySent(missed.data.appointmentId, mobile);
  });

  it('the next appointment booked before the miss is no rebook: the client still hears they were missed', async () => {
    const referralId = randomUUID();
    const { clientId, mobile, missed, missedId } = await samMissesAnAppointment(referralId);
    // Booked with the missed one, a week before, for the same referral.
    await h.publish(aBookedEvent({ clientId, referralId, startsAt: NEW_STARTS }, at('2026-11-25T09:05:00Z')));

    await aMissRecorded(missed, NEXT_MORNING);

    await expectSorrySent(missedId, mobile);
  });

  it("a booking for another referral is no rebook: booking one service does not replace another's assessment", async () => {
    const { clientId, mobile, missed, missedId } = await samMissesAnAppointment(randomUUID());
    await aBooking(clientId, randomUUID(), REBOOKED);

    await aMissRecorded(missed, NEXT_MORNING);

    await expectSorrySent(missedId, mobile);
  });

  it('a rebook cancelled before the miss is recorded is no rebook: the client still hears they were missed', async () => {
    const referralId = randomUUID();
    const { clientId, mobile, missed, missedId } = await samMissesAnAppointment(referralId);
    const rebooked = await aBooking(clientId, referralId, REBOOKED);
    clock.set('2026-12-02T20:30:00Z');
    await h.publish(aCancelledEvent(rebooked, at('2026-12-02T20:30:00Z')));

    await aMissRecorded(missed, NEXT_MORNING);

    await expectSorrySent(missedId, mobile);
  });

  it('either outside any referral: a miss for none is replaced by any later booking, a booking for none replaces any miss', async () => {
    const ofNone = await samMissesAnAppointment(null);
    await aBooking(ofNone.clientId, randomUUID(), REBOOKED);
    const ofAReferral = await samMissesAnAppointment(randomUUID());
    await aBooking(ofAReferral.clientId, null, REBOOKED);

    await aMissRecorded(ofNone.missed, NEXT_MORNING);
    await aMissRecorded(ofAReferral.missed, NEXT_MORNING);

    expect(await missedStep(ofNone.missedId)).toEqual([['skipped', 'client_rebooked']]);
    expect(await missedStep(ofAReferral.missedId)).toEqual([['skipped', 'client_rebooked']]);
  });

  describe('the rebook and the miss applied at the same moment (two consumers, no order between them)', () => {
    /** Whether a session of the spec's database is waiting for a lock another transaction holds. */
    const someoneWaitsForALock = async () =>
      (
        await h.dataSource.query<{ waiting: boolean }[]>(
          `SELECT EXISTS (SELECT 1 FROM pg_stat_activity
                           WHERE datname = current_database() AND wait_event_type = 'Lock') AS "waiting"`,
        )
      )[0]!.waiting;

    /**
     * Applies `first` in a transaction that stays open while `second` is published: `second` must wait
     * for it (whichever commits first, the other sees it), then both finish.
     */
    async function applyWhileUncommitted(
      first: (manager: EntityManager) => Promise<void>,
      second: ReturnType<typeof aBookedEvent> | ReturnType<typeof anAttendanceRecordedEvent>,
    ) {
      let commit!: () => void;
      const committing = new Promise<void>((resolve) => (commit = resolve));
      let applied!: () => void;
      const firstApplied = new Promise<void>((resolve) => (applied = resolve));
      const firstDone = h.dataSource.transaction(async (manager) => {
        await first(manager);
        applied();
        await committing;
      });
      await firstApplied;
      const secondDone = h.publish(second);
      try {
        await eventually(async () => expect(await someoneWaitsForALock()).toBe(true), { timeoutMs: 5_000 });
      } finally {
        commit();
        await firstDone;
        await secondDone;
      }
    }

    it('the rebook commits while the miss is being recorded: the miss waits for it, and plans no text', async () => {
      const referralId = randomUUID();
      const { clientId, mobile, missed, missedId } = await samMissesAnAppointment(referralId);
      clock.set(NEXT_MORNING);
      const rebook = aBookedEvent({ clientId, referralId, startsAt: NEW_STARTS }, at('2026-12-03T08:59:00Z'));
      const booking = h.running.app.get(RecordAppointmentBooked, { strict: false });

      await applyWhileUncommitted(
        (manager) => booking.execute(manager, rebook),
        anAttendanceRecordedEvent(missed, 'did_not_attend', at(NEXT_MORNING)),
      );

      expect(await missedStep(missedId)).toEqual([['skipped', 'client_rebooked']]);
      expect(bodiesTo(mobile)).not.toContain(MISSED_TEXT);
    });

    it('the miss commits while the rebook is being recorded: the rebook waits for it, and cancels its text', async () => {
      const referralId = randomUUID();
      const { clientId, mobile, missed, missedId } = await samMissesAnAppointment(referralId);
      // Recorded at night: the text waits for the morning.
      clock.set('2026-12-02T22:30:00Z');
      const dna = anAttendanceRecordedEvent(missed, 'did_not_attend', at('2026-12-02T22:30:00Z'));
      const attendance = h.running.app.get(RecordAttendance, { strict: false });

      await applyWhileUncommitted(
        (manager) => attendance.execute(manager, dna),
        aBookedEvent({ clientId, referralId, startsAt: NEW_STARTS }, at('2026-12-02T22:30:00Z')),
      );

      expect(await missedStep(missedId)).toEqual([['cancelled', 'client_rebooked']]);
      await runJobAt((await stepOf(missedId, 'missed')).id, MORNING);
      expect(bodiesTo(mobile)).not.toContain(MISSED_TEXT);
    });
  });
});
