/**
 * The JobScheduler queue of booking's timer job; its ticks (RepeatingTick) have ids `tick:<epoch
 * seconds>`, the same in every booking process, so the scheduler keeps one job per tick.
 */
export const BOOKING_TIMERS_QUEUE = 'booking-timers';
