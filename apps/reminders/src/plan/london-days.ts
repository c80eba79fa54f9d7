import { toLondonWallClock } from '@careloop/time';

/** The London calendar date (YYYY-MM-DD) of an instant. */
export function londonDate(instant: Date): string {
  return toLondonWallClock(instant).date;
}

/** A calendar date `days` away: calendar arithmetic, so it holds whatever the clocks do that day. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
