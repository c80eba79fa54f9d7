import { DateTime } from 'luxon';

/** The one time zone the platform schedules in: UK services, UK clients. */
export const LONDON = 'Europe/London';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const TIME_PATTERN = /^\d{2}:\d{2}(:\d{2})?$/;

/**
 * Converts a London wall-clock date (`YYYY-MM-DD`) and time (`HH:mm` or `HH:mm:ss`) to a UTC instant.
 *
 * Daylight-saving rules (the same choice as java.time's `ZonedDateTime.of`):
 * - Spring-forward gap (e.g. 01:30 on 2026-03-29 does not exist): the time is moved forward by the
 *   length of the gap, so 01:30 becomes 02:30 BST (01:30 UTC). A slot is never silently dropped.
 * - Autumn overlap (e.g. 01:30 on 2026-10-25 happens twice): the earlier occurrence (BST, 00:30 UTC)
 *   is chosen, so a reminder or session fires the first time the clocks show that time, never an
 *   hour late. Luxon on its own would pick the later one, hence the explicit choice below.
 */
export function londonToInstant(date: string, time: string): Date {
  if (!DATE_PATTERN.test(date) || !TIME_PATTERN.test(time)) {
    throw new RangeError(`Expected YYYY-MM-DD and HH:mm[:ss], got "${date}" "${time}"`);
  }
  const local = DateTime.fromISO(`${date}T${time}`, { zone: LONDON });
  if (!local.isValid)
    throw new RangeError(`Invalid London date-time "${date} ${time}": ${local.invalidReason ?? 'unknown'}`);
  const candidates = local.getPossibleOffsets();
  const earliest = candidates.reduce(
    (best, next) => (next.toMillis() < best.toMillis() ? next : best),
    local,
  );
  return earliest.toJSDate();
}

/** The London wall-clock reading of an instant, for quiet hours and day boundaries. */
export function toLondonWallClock(instant: Date): { date: string; time: string; offsetMinutes: number } {
  const local = inLondon(instant);
  return {
    date: local.toFormat('yyyy-MM-dd'),
    time: local.toFormat('HH:mm:ss'),
    offsetMinutes: local.offset,
  };
}

/**
 * Formats an instant as London local time with a luxon format string. The default keeps the offset
 * (`2026-03-29T02:30:00+01:00`) so a formatted value is never ambiguous across the autumn overlap.
 */
export function formatInLondon(instant: Date, format = "yyyy-MM-dd'T'HH:mm:ssZZ"): string {
  return inLondon(instant).toFormat(format);
}

function inLondon(instant: Date): DateTime {
  const local = DateTime.fromJSDate(instant, { zone: LONDON });
  if (!local.isValid) throw new RangeError(`Invalid instant: ${String(instant)}`);
  return local;
}
