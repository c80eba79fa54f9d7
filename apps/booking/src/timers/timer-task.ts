/**
 * One piece of booking's timed work: expire lapsed holds, release due reservations, flag overdue
 * outcomes, extend availability. Runs find what is due in Postgres at `now`, so a late or repeated run
 * is harmless; each returns how many rows it changed.
 */
export interface TimerTask {
  readonly name: string;
  run(now: Date): Promise<number>;
}

/** The tasks the timer job runs, in order (provided by the booking module). */
export const BOOKING_TIMER_TASKS = Symbol('BOOKING_TIMER_TASKS');
