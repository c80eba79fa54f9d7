import { addDays, londonDateOf, minutesOf } from './calendar-dates';

describe('calendar dates', () => {
  it('adds days across month, year and leap-day boundaries, whatever the clocks do', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    // Across the spring change a day is still one calendar day, not 23 hours.
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
  });

  it('gives the London date of an instant, which in summer is a day ahead of UTC just before midnight', () => {
    expect(londonDateOf(new Date('2026-06-01T23:30:00Z'))).toBe('2026-06-02');
    expect(londonDateOf(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
  });

  it('counts minutes since midnight of a wall-clock time', () => {
    expect(minutesOf('00:00')).toBe(0);
    expect(minutesOf('09:20')).toBe(560);
    expect(minutesOf('23:59')).toBe(1439);
  });
});
