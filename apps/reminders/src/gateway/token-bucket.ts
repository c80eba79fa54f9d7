import { realTimer, type Timer } from './timer';

export interface RateLimit {
  /** Sustained messages per second. */
  ratePerSecond: number;
  /** How many may go at once after a quiet spell. */
  burst: number;
}

/**
 * A token bucket for one sender: `burst` sends at once, then `ratePerSecond`. A caller finding it
 * empty reserves the next token (the count goes below zero) and sleeps until it is due, so concurrent
 * callers are served in the order they asked and never together exceed the rate.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly timer: Timer = realTimer,
  ) {
    if (!(limit.ratePerSecond > 0)) throw new RangeError('ratePerSecond must be above zero');
    if (!(limit.burst >= 1)) throw new RangeError('burst must be at least 1');
    this.tokens = limit.burst;
    this.updatedAt = timer.now();
  }

  async take(): Promise<void> {
    const now = this.timer.now();
    const refill = ((now - this.updatedAt) / 1000) * this.limit.ratePerSecond;
    this.tokens = Math.min(this.limit.burst, this.tokens + refill) - 1;
    this.updatedAt = now;
    if (this.tokens < 0) await this.timer.sleep((-this.tokens / this.limit.ratePerSecond) * 1000);
  }
}
