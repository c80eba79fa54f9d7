import { isObservableClock } from './clock';
import { ManualClock } from './manual-clock';
import { SystemClock } from './system-clock';

describe('ManualClock', () => {
  it('stays still until advanced or set', () => {
    const clock = new ManualClock('2026-03-29T00:30:00Z');
    expect(clock.now().toISOString()).toBe('2026-03-29T00:30:00.000Z');
    clock.advance(90 * 60_000);
    expect(clock.now().toISOString()).toBe('2026-03-29T02:00:00.000Z');
    clock.set('2026-10-25T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-10-25T00:00:00.000Z');
  });

  it('hands out copies, so callers cannot move time by mutating a Date', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    clock.now().setUTCFullYear(2030);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('notifies listeners with the new time until they unsubscribe', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const seen: string[] = [];
    const stop = clock.onAdvance((now) => seen.push(now.toISOString()));
    clock.advance(1000);
    clock.set('2026-02-01T00:00:00Z');
    stop();
    clock.advance(1000);
    expect(seen).toEqual(['2026-01-01T00:00:01.000Z', '2026-02-01T00:00:00.000Z']);
  });

  it('still notifies every listener when one throws, then reports the error', () => {
    const clock = new ManualClock();
    const reached = jest.fn();
    clock.onAdvance(() => {
      throw new Error('listener broke');
    });
    clock.onAdvance(reached);
    expect(() => clock.advance(1)).toThrow('listener broke');
    expect(reached).toHaveBeenCalledTimes(1);
  });

  it('refuses to go backwards through advance and rejects invalid instants', () => {
    const clock = new ManualClock();
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.set('not a date')).toThrow(RangeError);
  });

  it('is observable while the system clock is not', () => {
    expect(isObservableClock(new ManualClock())).toBe(true);
    expect(isObservableClock(new SystemClock())).toBe(false);
  });
});
