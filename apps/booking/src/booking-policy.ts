import type { RuntimeConfig } from '@careloop/runtime';

/** Booking's timings, from configuration; tests build their own. */
export interface BookingPolicy {
  /** How long a hold keeps a seat for the worker talking to the client. */
  holdMinutes: number;
  /** After an appointment ends, how long the clinic and the CDAS have to record attendance. */
  outcomeGraceHours: number;
  /** How far ahead recurring availability is turned into bookable slots. */
  horizonWeeks: number;
  /** How often the timer job expires holds, releases reservations, flags overdue outcomes. */
  timerSeconds: number;
}

export const BOOKING_POLICY = Symbol('BOOKING_POLICY');

export const DEFAULT_BOOKING_POLICY: BookingPolicy = {
  holdMinutes: 10,
  outcomeGraceHours: 24,
  horizonWeeks: 12,
  timerSeconds: 30,
};

export function bookingPolicyFrom(config: RuntimeConfig): BookingPolicy {
  return {
    holdMinutes: config.BOOKING_HOLD_MINUTES,
    outcomeGraceHours: config.BOOKING_OUTCOME_GRACE_HOURS,
    horizonWeeks: config.BOOKING_HORIZON_WEEKS,
    timerSeconds: config.BOOKING_TIMER_SECONDS,
  };
}
