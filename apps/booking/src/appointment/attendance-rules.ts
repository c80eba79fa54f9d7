import type { AttendanceOutcome } from '@careloop/contracts';

/** A client who cancels within this many hours of the start has cancelled late. */
export const LATE_CANCELLATION_HOURS = 48;

/** How a late cancellation recorded before the start cancels the appointment: the client did. */
export const LATE_CANCELLATION = { cancelledBy: 'client', reason: 'cancelled late' } as const;

/**
 * The earliest an outcome can be recorded: whether the client came (attended, did not attend, left
 * before being seen) once the appointment has started; a late cancellation from 48 hours before.
 */
export function earliestRecordingOf(outcome: AttendanceOutcome, startsAt: Date): Date {
  return outcome === 'cancelled_late'
    ? new Date(startsAt.getTime() - LATE_CANCELLATION_HOURS * 60 * 60_000)
    : startsAt;
}
