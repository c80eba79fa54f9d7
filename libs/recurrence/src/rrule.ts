import { DateTime } from 'luxon';

/** Weekdays as RFC 5545 writes them, Monday first (the week starts on Monday, RFC 5545's default). */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The parts of an RRULE we accept; everything else is refused rather than half understood. */
export const ACCEPTED_PARTS = ['FREQ', 'INTERVAL', 'BYDAY', 'COUNT', 'UNTIL'] as const;

export const MAX_INTERVAL = 99;
export const MAX_COUNT = 1000;

/** The last occurrence allowed by UNTIL: a London date, or a UTC instant the session start may not pass. */
export type Until = { kind: 'date'; date: string } | { kind: 'instant'; instant: Date };

export interface Recurrence {
  freq: 'DAILY' | 'WEEKLY';
  interval: number;
  /** Plain weekdays, Monday first, no repeats; null when the rule names none. */
  byDay: Weekday[] | null;
  count: number | null;
  until: Until | null;
}

/** An RRULE outside the subset we accept; `part` names the offending part (or `RRULE`). */
export class RruleNotAccepted extends Error {
  constructor(
    readonly part: string,
    message: string,
  ) {
    super(message);
    this.name = 'RruleNotAccepted';
  }
}

const accepted = `accepted parts: ${ACCEPTED_PARTS.join(', ')}`;

/**
 * Parses the RFC 5545 RRULE subset recurring sessions use: FREQ=DAILY|WEEKLY, INTERVAL, BYDAY with plain
 * weekdays, and at most one of COUNT and UNTIL, e.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=10`. The
 * first date is the rule's validFrom (not a DTSTART inside the text). Part names are case-insensitive,
 * as in the RFC; an `RRULE:` prefix is allowed.
 */
export function parseRrule(text: string): Recurrence {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (body === '')
    throw new RruleNotAccepted('RRULE', 'RRULE is empty: FREQ=DAILY or FREQ=WEEKLY is required');

  const parts = new Map<string, string>();
  for (const raw of body.split(';')) {
    const [name, value, ...rest] = raw.split('=');
    const key = (name ?? '').trim().toUpperCase();
    if (!key || value === undefined || value.trim() === '' || rest.length > 0) {
      const shown = raw.trim() === '' ? 'an empty part (a stray ";")' : `"${raw}"`;
      throw new RruleNotAccepted(key || 'RRULE', `${shown} is not a NAME=VALUE part`);
    }
    if (!(ACCEPTED_PARTS as readonly string[]).includes(key)) {
      throw new RruleNotAccepted(key, `${key} is not supported (${accepted})`);
    }
    if (parts.has(key)) throw new RruleNotAccepted(key, `${key} is given more than once`);
    parts.set(key, value.trim().toUpperCase());
  }

  const freq = parts.get('FREQ');
  if (freq === undefined) throw new RruleNotAccepted('FREQ', 'FREQ is required: DAILY or WEEKLY');
  if (freq !== 'DAILY' && freq !== 'WEEKLY') {
    throw new RruleNotAccepted('FREQ', `FREQ=${freq} is not supported: only DAILY or WEEKLY`);
  }
  const count = optionalWhole(parts.get('COUNT'), 'COUNT', MAX_COUNT);
  const until = parseUntil(parts.get('UNTIL'));
  if (count !== null && until !== null) {
    throw new RruleNotAccepted('COUNT', 'COUNT and UNTIL cannot both be given');
  }
  return {
    freq,
    interval: optionalWhole(parts.get('INTERVAL'), 'INTERVAL', MAX_INTERVAL) ?? 1,
    byDay: parseByDay(parts.get('BYDAY')),
    count,
    until,
  };
}

function optionalWhole(value: string | undefined, part: string, max: number): number | null {
  if (value === undefined) return null;
  const n = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= max)) {
    throw new RruleNotAccepted(part, `${part}=${value} must be a whole number from 1 to ${max}`);
  }
  return n;
}

function parseByDay(value: string | undefined): Weekday[] | null {
  if (value === undefined) return null;
  const days = value.split(',').map((d) => d.trim());
  for (const day of days) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      // Ordinals (1MO, -1FR) only mean something for monthly and yearly rules, which we refuse.
      throw new RruleNotAccepted(
        'BYDAY',
        `BYDAY=${value}: "${day}" is not a plain weekday (${WEEKDAYS.join(', ')}); ordinals such as 1MO are not supported`,
      );
    }
  }
  return WEEKDAYS.filter((d) => days.includes(d));
}

function parseUntil(value: string | undefined): Until | null {
  if (value === undefined) return null;
  const date = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  const instant = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  const refuse = () =>
    new RruleNotAccepted(
      'UNTIL',
      `UNTIL=${value} must be a date (YYYYMMDD) or a UTC date-time (YYYYMMDDTHHMMSSZ)`,
    );
  if (date) {
    const parsed = DateTime.fromISO(`${date[1]}-${date[2]}-${date[3]}`, { zone: 'utc' });
    if (!parsed.isValid) throw refuse();
    return { kind: 'date', date: parsed.toISODate() ?? '' };
  }
  if (instant) {
    const [, y, mo, d, h, mi, s] = instant;
    const parsed = DateTime.fromISO(`${y}-${mo}-${d}T${h}:${mi}:${s}`, { zone: 'utc' });
    if (!parsed.isValid) throw refuse();
    return { kind: 'instant', instant: parsed.toJSDate() };
  }
  throw refuse();
}
