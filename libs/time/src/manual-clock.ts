import type { ObservableClock } from './clock';

/**
 * Test clock that only moves when told to. Listeners run synchronously after each change, in
 * registration order; a listener that throws does not stop the others (its error is rethrown after).
 */
export class ManualClock implements ObservableClock {
  private current: number;
  private readonly listeners = new Set<(now: Date) => void>();

  constructor(start: Date | string = '2026-01-01T09:00:00Z') {
    this.current = toMillis(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves time forward by `ms` (negative values are refused: time never runs backwards here). */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`ManualClock.advance expects a non-negative number of ms, got ${ms}`);
    return this.moveTo(this.current + ms);
  }

  /** Jumps to an instant; going backwards is allowed for tests that need it, and still notifies. */
  set(instant: Date | string): Date {
    return this.moveTo(toMillis(instant));
  }

  onAdvance(listener: (now: Date) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private moveTo(millis: number): Date {
    this.current = millis;
    const errors: unknown[] = [];
    for (const listener of [...this.listeners]) {
      try {
        listener(new Date(millis));
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'ManualClock listeners failed');
    return this.now();
  }
}

function toMillis(instant: Date | string): number {
  const millis = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(millis)) throw new RangeError(`Invalid instant: ${String(instant)}`);
  return millis;
}
