import { londonDateOf } from '@careloop/recurrence';
import type { Session } from '../session/session.entity';

/**
 * How long after a session ends its walk-ins may still be recorded: the clinic's paperwork is often
 * done the next morning. Beyond it the session's figures are settled.
 */
export const WALK_IN_RECORDING_GRACE_MS = 24 * 60 * 60 * 1000;

export type WalkInSession = Pick<Session, 'status' | 'sessionDate' | 'endsAt'>;

/** Why no walk-in may be recorded at the session now, or null when one may. */
export type WalkInRefusal = 'session_cancelled' | 'session_not_published' | 'not_on_session_day';

/**
 * A walk-in is recorded on the session's London date (before, during or after it) or within a day of
 * its end; never ahead of the day, never at a cancelled session, and never at one still planned: a
 * session never published was never offered, so the evidence does not count it as held.
 */
export function walkInRefusal(session: WalkInSession, now: Date): WalkInRefusal | null {
  if (session.status === 'cancelled') return 'session_cancelled';
  if (session.status === 'planned') return 'session_not_published';
  if (londonDateOf(now) === session.sessionDate) return null;
  const sinceEnd = now.getTime() - session.endsAt.getTime();
  return sinceEnd > 0 && sinceEnd <= WALK_IN_RECORDING_GRACE_MS ? null : 'not_on_session_day';
}

export type SeenAt = { seenAt: Date; problem?: never } | { seenAt?: never; problem: string };

/**
 * When the client was seen: as given, or now while it is still the session's day. A time must be on
 * the session's London date and not in the future; recorded the day after, it must be given, since
 * "now" would be the wrong day.
 */
export function seenAtFor(session: WalkInSession, now: Date, given: Date | undefined): SeenAt {
  if (!given) {
    return londonDateOf(now) === session.sessionDate
      ? { seenAt: now }
      : { problem: `is required after the session's day (${session.sessionDate})` };
  }
  if (given.getTime() > now.getTime()) return { problem: 'must not be in the future' };
  if (londonDateOf(given) !== session.sessionDate) {
    return { problem: `must be on the session's day (${session.sessionDate}, London time)` };
  }
  return { seenAt: given };
}
