import type { NotTextableReason } from '../client/why-not-textable';
import type { QuietHours } from '../reminders-policy';
import { endOfQuietHours, isQuietTime } from './quiet-hours';

/**
 * How long after a missed appointment's start "sorry we missed you" may still go. Later, the text
 * reads as a rebuke out of nowhere rather than a kind word the same day; the keyworker's follow-up
 * task covers the client from then.
 */
export const MISSED_TEXT_WITHIN_HOURS = 24;

/**
 * Why a "sorry we missed you" text will not be sent:
 * - missed_text_too_late: it could only go 24 hours or more after the appointment's start (the
 *   non-attendance was recorded, or the job ran, that late);
 * - missed_text_too_late_after_quiet_hours: it was in time, but quiet hours end too late for it;
 * - client_rebooked: the client was booked again after the miss before it was recorded: "reply to
 *   rebook" has nothing to offer;
 * - the client may not be texted (no consent, no own mobile safe to text, opted out).
 */
export type MissedSkipReason =
  'missed_text_too_late' | 'missed_text_too_late_after_quiet_hours' | 'client_rebooked' | NotTextableReason;

export type PlannedMissed =
  | { dueAt: Date; status: 'scheduled'; reason: null }
  | { dueAt: Date; status: 'skipped'; reason: MissedSkipReason };

/** The first moment a "sorry we missed you" text can no longer go. */
export function missedTextDeadline(startsAt: Date): Date {
  return new Date(startsAt.getTime() + MISSED_TEXT_WITHIN_HOURS * 3_600_000);
}

/**
 * The one "sorry we missed you" text after a missed appointment: now (never before the appointment's
 * start, should the outcome arrive early), or when quiet hours end if now is inside them, as long as
 * that is within MISSED_TEXT_WITHIN_HOURS of the start. A client already rebooked, or known not to be
 * textable, is skipped with that reason at once: nothing would ever go.
 */
export function planMissed(
  { now, startsAt, rebooked }: { now: Date; startsAt: Date; rebooked: boolean },
  quietHours: QuietHours,
  notTextable: NotTextableReason | null,
): PlannedMissed {
  const earliest = now.getTime() > startsAt.getTime() ? now : startsAt;
  const quiet = isQuietTime(earliest, quietHours);
  const dueAt = quiet ? endOfQuietHours(earliest, quietHours) : earliest;
  if (rebooked) return { dueAt, status: 'skipped', reason: 'client_rebooked' };
  if (notTextable) return { dueAt, status: 'skipped', reason: notTextable };
  const deadline = missedTextDeadline(startsAt).getTime();
  if (dueAt.getTime() >= deadline) {
    const reason =
      quiet && earliest.getTime() < deadline
        ? 'missed_text_too_late_after_quiet_hours'
        : 'missed_text_too_late';
    return { dueAt, status: 'skipped', reason };
  }
  return { dueAt, status: 'scheduled', reason: null };
}
