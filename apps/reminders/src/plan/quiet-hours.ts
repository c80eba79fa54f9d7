import { londonToInstant, toLondonWallClock } from '@careloop/time';
import type { QuietHours } from '../reminders-policy';
import { addDays, londonDate } from './london-days';

/** Whether a London wall clock reads inside quiet hours at this instant (`from` inclusive, `to` exclusive). */
export function isQuietTime(instant: Date, quiet: QuietHours): boolean {
  return isQuietWallClock(toLondonWallClock(instant).time, quiet);
}

/** Whether a wall-clock time (`HH:mm` or `HH:mm:ss`) falls inside quiet hours, on any day. */
export function isQuietWallClock(time: string, quiet: QuietHours): boolean {
  const at = time.length === 5 ? `${time}:00` : time;
  const from = `${quiet.from}:00`;
  const to = `${quiet.to}:00`;
  return from < to ? at >= from && at < to : at >= from || at < to;
}

/** When the quiet period holding `instant` ends: `to` the same London day, or the next when it wraps. */
export function endOfQuietHours(instant: Date, quiet: QuietHours): Date {
  const date = londonDate(instant);
  const wrapsToNextDay = quiet.to < quiet.from && toLondonWallClock(instant).time >= `${quiet.from}:00`;
  return londonToInstant(wrapsToNextDay ? addDays(date, 1) : date, quiet.to);
}
