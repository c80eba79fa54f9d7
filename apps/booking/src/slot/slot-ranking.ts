import { DateTime } from 'luxon';
import { WEEKDAYS, type AttendanceWindow, type ClientFlags, type Weekday } from '@careloop/contracts';
import { LONDON } from '@careloop/time';

/**
 * How a search orders slots for one client, as pure functions of the slots, the client and now.
 * Clients attend the CDAS reliably and little else, so a slot on (or next to) a day they already come
 * in is the likeliest to be kept; for a client at high risk of not attending, a short lead time
 * matters more than the day. Days and "7 days" are London calendar days.
 */

export type AttendanceDay = 'same_day' | 'adjacent_day';

/** Lead time beyond which non-attendance rises: every slot further away than this carries a warning. */
export const SHORT_LEAD_DAYS = 7;
export const MORE_THAN_7_DAYS_AWAY = 'more_than_7_days_away';
export type SlotWarning = typeof MORE_THAN_7_DAYS_AWAY;

/** How far back booking's own appointments count towards a client's risk of not attending. */
export const HISTORY_MONTHS = 12;

/** Why a client counts as high risk of non-attendance, in this order. */
export const HIGH_RISK_REASONS = [
  'did_not_attend_in_last_12_months',
  'cancelled_late_in_last_12_months',
  'left_before_seen_in_last_12_months',
  'outcome_unknown_in_last_12_months',
  'no_fixed_abode',
  'recently_released_from_prison',
] as const;
export type HighRiskReason = (typeof HIGH_RISK_REASONS)[number];

/** A missed or unknown outcome in booking's appointments of the client. */
export type MissedOutcome = 'did_not_attend' | 'cancelled_late' | 'left_before_seen' | 'outcome_overdue';

const REASON_FOR_OUTCOME: Record<MissedOutcome, HighRiskReason> = {
  did_not_attend: 'did_not_attend_in_last_12_months',
  cancelled_late: 'cancelled_late_in_last_12_months',
  left_before_seen: 'left_before_seen_in_last_12_months',
  outcome_overdue: 'outcome_unknown_in_last_12_months',
};

export interface RankingClient {
  attendancePattern: readonly AttendanceWindow[];
  highRiskOfNonAttendance: boolean;
}

export type RankedSlot<T> = T & { attendanceDay: AttendanceDay | null; warnings: SlotWarning[] };

/** The London weekday of an instant: 00:30 BST on a Tuesday is Tuesday, though UTC says Monday. */
export function londonWeekday(instant: Date): Weekday {
  return WEEKDAYS[DateTime.fromJSDate(instant, { zone: LONDON }).weekday - 1]!;
}

/** Same day as one of the client's usual CDAS days, the day before or after one, or neither. */
export function attendanceDayOf(startsAt: Date, pattern: readonly AttendanceWindow[]): AttendanceDay | null {
  const days = new Set(pattern.map((w) => WEEKDAYS.indexOf(w.day)));
  const day = WEEKDAYS.indexOf(londonWeekday(startsAt));
  if (days.has(day)) return 'same_day';
  if (days.has((day + 6) % 7) || days.has((day + 1) % 7)) return 'adjacent_day';
  return null;
}

/** Whether the slot starts more than 7 London days (same wall-clock time) after now. */
export function isMoreThan7DaysAway(startsAt: Date, now: Date): boolean {
  const limit = DateTime.fromJSDate(now, { zone: LONDON }).plus({ days: SHORT_LEAD_DAYS });
  return startsAt.getTime() > limit.toMillis();
}

export function slotWarnings(startsAt: Date, now: Date): SlotWarning[] {
  return isMoreThan7DaysAway(startsAt, now) ? [MORE_THAN_7_DAYS_AWAY] : [];
}

/** The start of the history window: 12 London calendar months before now. */
export function historySince(now: Date): Date {
  return DateTime.fromJSDate(now, { zone: LONDON }).minus({ months: HISTORY_MONTHS }).toJSDate();
}

/** The reasons a client is at high risk of not attending; none means not high risk. */
export function highRiskReasons(
  missed: Iterable<MissedOutcome>,
  flags: Pick<ClientFlags, 'noFixedAbode' | 'recentlyReleasedFromPrison'>,
): HighRiskReason[] {
  const reasons = new Set<HighRiskReason>([...missed].map((outcome) => REASON_FOR_OUTCOME[outcome]));
  if (flags.noFixedAbode) reasons.add('no_fixed_abode');
  if (flags.recentlyReleasedFromPrison) reasons.add('recently_released_from_prison');
  return HIGH_RISK_REASONS.filter((reason) => reasons.has(reason));
}

const DAY_ORDER: Record<AttendanceDay | 'other', number> = { same_day: 0, adjacent_day: 1, other: 2 };

/**
 * Without a client: soonest first. With one: same day, then adjacent day, then the rest, each by start;
 * for a high-risk client the slots within the next 7 days come first, ordered that way, then the later
 * ones, ordered that way. Every slot further than 7 days away is flagged, client or not.
 */
export function rankSlots<T extends { id: string; startsAt: string }>(
  slots: readonly T[],
  now: Date,
  client: RankingClient | null,
): RankedSlot<T>[] {
  const keyed = slots.map((slot) => {
    const startsAt = new Date(slot.startsAt);
    const attendanceDay = client ? attendanceDayOf(startsAt, client.attendancePattern) : null;
    const warnings = slotWarnings(startsAt, now);
    const leadGroup = client?.highRiskOfNonAttendance && warnings.length > 0 ? 1 : 0;
    const dayGroup = client ? DAY_ORDER[attendanceDay ?? 'other'] : 0;
    return { ranked: { ...slot, attendanceDay, warnings }, key: [leadGroup, dayGroup, startsAt.getTime()] };
  });
  return keyed
    .sort(
      (a, b) =>
        a.key[0]! - b.key[0]! ||
        a.key[1]! - b.key[1]! ||
        a.key[2]! - b.key[2]! ||
        compareIds(a.ranked.id, b.ranked.id),
    )
    .map((k) => k.ranked);
}

/** Byte order, as Postgres orders uuids (localeCompare may ignore the hyphens). */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
