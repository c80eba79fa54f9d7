/** Elapsed time and waiting, for the rate limit and the backoff; unit tests pass a fake. */
export interface Timer {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimer: Timer = {
  now: () => performance.now(),
  // Rounded up: waking a fraction of a millisecond early would break the rate by that much.
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.ceil(ms))),
};
