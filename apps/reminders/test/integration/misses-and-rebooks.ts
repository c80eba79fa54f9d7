import { eventually } from '@careloop/testing';
import { aBookedEvent, anAttendanceRecordedEvent } from '../support/plan-fixtures';
import { at, useRemindersTextingThroughFakeTwilio } from './texting-through-fake-twilio';

/** Sam misses an evening appointment: Wednesday 2 December 2026, 19:00 GMT. */
export const MISSED_STARTS = '2026-12-02T19:00:00Z';
/** Booked a week before: its own plan is all past by the evening it is missed. */
const BOOKED_WEEK_BEFORE = '2026-11-25T09:00:00Z';
/** The morning run: quiet hours end. */
export const MORNING = '2026-12-03T08:00:00Z';
/** The new appointment: Tuesday 8 December 2026, 10:30 GMT. */
export const NEW_STARTS = '2026-12-08T10:30:00Z';

export const MISSED_TEXT =
  'Hi Sam, sorry we missed you on Wed 2 Dec at 19:00. Would you like a new appointment? ' +
  'Reply YES and we will help you book one.';
export const NEW_CONFIRMATION =
  "Hi Sam, you're booked in for Tue 8 Dec at 10:30 at Hillside Surgery, 4 Mill Lane. " +
  'Reply Y to confirm or N to change it.';

/**
 * The reminders service texting through the fake Twilio (`texting`: useRemindersTextingThroughFakeTwilio),
 * with a client's missed appointments and their rebooks arranged as booking's events tell them.
 */
export function useMissesAndRebooks(options: { database: string; redis: string; startAt: string }) {
  const texting = useRemindersTextingThroughFakeTwilio(options);
  const { h, clock, runJobNow } = texting;

  /** The "sorry we missed you" of an appointment, as [status, reason]: none, or the one planned. */
  const missedStep = async (appointmentId: string) =>
    (await h.reminders(appointmentId))
      .filter((r) => r.step === 'missed')
      .map((r) => [r.status, r.status_reason]);

  /** An appointment at `startsAt` for `referralId`, booked a week before. */
  async function anAppointmentBookedEarlier(
    clientId: string,
    referralId: string | null,
    startsAt = MISSED_STARTS,
  ) {
    const booked = aBookedEvent({ clientId, referralId, startsAt }, at(BOOKED_WEEK_BEFORE));
    await h.publish(booked);
    return booked;
  }

  /** The clinic records at `recordedAt` (the clock is set then) that the client did not attend. */
  async function aMissRecorded(booked: ReturnType<typeof aBookedEvent>, recordedAt: string) {
    clock.set(recordedAt);
    await h.publish(anAttendanceRecordedEvent(booked, 'did_not_attend', at(recordedAt)));
  }

  /** Booked a week before for `referralId`; not attended; recorded at `recordedAt`. */
  async function aMissedAppointment(
    clientId: string,
    referralId: string | null,
    { startsAt = MISSED_STARTS, recordedAt }: { startsAt?: string; recordedAt: string },
  ) {
    clock.set(recordedAt);
    const booked = await anAppointmentBookedEarlier(clientId, referralId, startsAt);
    await aMissRecorded(booked, recordedAt);
    return booked.data.appointmentId;
  }

  /** A booking at NEW_STARTS made at `bookedAt` (the clock is set then). */
  async function aBooking(clientId: string, referralId: string | null, bookedAt: string) {
    clock.set(bookedAt);
    const booked = aBookedEvent({ clientId, referralId, startsAt: NEW_STARTS }, at(bookedAt));
    await h.publish(booked);
    return booked;
  }

  /** At `when` the queue runs a reminder's job (whatever its row says), and the test waits for it. */
  async function runJobAt(reminderId: string, when: string) {
    clock.set(when);
    await runJobNow(reminderId);
    await eventually(async () => expect((await h.job(reminderId))?.state).toBe('completed'));
  }

  return {
    texting,
    missedStep,
    anAppointmentBookedEarlier,
    aMissRecorded,
    aMissedAppointment,
    aBooking,
    runJobAt,
  };
}
