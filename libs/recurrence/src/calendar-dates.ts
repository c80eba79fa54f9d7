import { toLondonWallClock } from '@careloop/time';

const DAY_MS = 86_400_000;

/** Calendar arithmetic on plain dates: no time zone is involved until a wall-clock time is placed. */
export const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
export const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 0 = Monday ... 6 = Sunday (day 0, 1 January 1970, was a Thursday). */
export const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7;

export function addDays(date: string, days: number): string {
  return dateOf(dayNumber(date) + days);
}

/** The London calendar date an instant falls on. */
export function londonDateOf(instant: Date): string {
  return toLondonWallClock(instant).date;
}

/** Minutes since midnight of an HH:mm time. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export const clockTime = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
