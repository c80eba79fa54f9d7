import { WEEKDAYS, type Weekday } from '@careloop/contracts';
import { formatInLondon } from '@careloop/time';
import type { Urgency } from '../waiting-list/waiting-list-entry.entity';

const DAY_MS = 86_400_000;
const URGENCY_ORDER: Record<Urgency, number> = { urgent: 0, soon: 1, routine: 2 };

/** What ranks a waiting client for a seat. */
export interface OfferCandidate {
  referralId: string;
  urgency: Urgency;
  /** When they started waiting. */
  joinedAt: Date;
  /** The London weekdays they usually attend the CDAS. */
  attendanceDays: readonly string[];
}

export interface RankContext {
  now: Date;
  /** The session offered; null when there is none to offer (the usual-day rule then plays no part). */
  sessionStartsAt: Date | null;
  longWaitDays: number;
}

/** Why a client ranks where they do, as the waiting list shows it. */
export interface RankReasons {
  urgency: Urgency;
  /** Whole days waited. */
  waitingDays: number;
  /** Waiting longer than longWaitDays: ahead of others of the same urgency. */
  longWait: boolean;
  /** The session falls on one of their usual CDAS days (London weekday). */
  usualDay: boolean;
}

/** The London weekday an instant falls on. */
export function londonWeekdayOf(instant: Date): Weekday {
  // Luxon's `c` is the ISO weekday, 1 = Monday, whatever the locale.
  return WEEKDAYS[Number(formatInLondon(instant, 'c')) - 1]!;
}

export function rankReasons(candidate: OfferCandidate, context: RankContext): RankReasons {
  const waitedMs = context.now.getTime() - candidate.joinedAt.getTime();
  const weekday = context.sessionStartsAt ? londonWeekdayOf(context.sessionStartsAt) : null;
  return {
    urgency: candidate.urgency,
    waitingDays: Math.max(0, Math.floor(waitedMs / DAY_MS)),
    longWait: waitedMs > context.longWaitDays * DAY_MS,
    usualDay: weekday !== null && candidate.attendanceDays.includes(weekday),
  };
}

/**
 * The candidates in the order a seat of the session is offered to them: by urgency (urgent, soon,
 * routine); within it, those waiting longer than longWaitDays first; then those for whom the session
 * falls on one of their usual CDAS days; then whoever joined the list first; then by referral id, so
 * the order is the same however often it is worked out. Pure: the input is left as it is.
 */
export function offerOrder<T extends OfferCandidate>(candidates: readonly T[], context: RankContext): T[] {
  const ranked = candidates.map((candidate) => ({ candidate, reasons: rankReasons(candidate, context) }));
  ranked.sort(
    (a, b) =>
      URGENCY_ORDER[a.reasons.urgency] - URGENCY_ORDER[b.reasons.urgency] ||
      Number(b.reasons.longWait) - Number(a.reasons.longWait) ||
      Number(b.reasons.usualDay) - Number(a.reasons.usualDay) ||
      a.candidate.joinedAt.getTime() - b.candidate.joinedAt.getTime() ||
      compareText(a.candidate.referralId, b.candidate.referralId),
  );
  return ranked.map((r) => r.candidate);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
