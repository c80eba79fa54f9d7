import type { ReminderStep } from '@careloop/contracts';
import type { ReminderClient } from '../client/reminder-client.entity';
import { whyNotTextable, type NotTextableReason } from '../client/why-not-textable';
import { missedTextDeadline, type MissedSkipReason } from '../plan/missed-plan';
import type { OfferSkipReason } from '../plan/offer-plan';
import { endOfQuietHours, isQuietTime } from '../plan/quiet-hours';
import type { ReminderStatus } from '../plan/reminder.entity';
import { stalePlanReason, type PlanStep, type ReminderWithContext } from '../plan/reminder-plans';
import type { QuietHours } from '../reminders-policy';

/** Why a due reminder is not sent, recorded as the reminder's `status_reason`. */
export type SkipReason =
  | 'appointment_not_booked'
  | 'offer_not_open'
  | 'appointment_not_missed'
  | 'appointment_session_cancelled'
  | 'appointment_changed'
  | 'appointment_started'
  | Extract<OfferSkipReason, 'offer_expired' | 'offer_expires_in_quiet_hours'>
  | Extract<MissedSkipReason, 'missed_text_too_late' | 'missed_text_too_late_after_quiet_hours'>
  | 'later_step_due'
  | 'client_unknown'
  | NotTextableReason
  | 'quiet_hours';

/**
 * What to do with a scheduled reminder now: send it to `to` (the client's own mobile), skip it for good, or wait until quiet
 * hours end (a job that ran late, after a backlog or an outage, into the night).
 */
export type SendDecision =
  | { kind: 'send'; client: ReminderClient; to: string }
  | { kind: 'skip'; reason: SkipReason }
  | { kind: 'defer'; until: Date };

// A later step in one of these has gone, or will go now: its text carries the date and time too.
const LIVE_STEP: ReadonlySet<ReminderStatus> = new Set(['scheduled', 'sent', 'unknown']);

/**
 * The re-check just before sending: everything may have changed since the plan was made (ADR 18 lets
 * consent and the number arrive after the booking). The first failing check is the reason. The client
 * checks come before quiet hours: a text that will never go is closed now, not deferred.
 *
 * After an outage several steps of one plan are overdue at once; only the latest of them goes
 * (`later_step_due`), not a burst of stale texts. A later step already sent counts too: the jobs of
 * overdue steps run in any order.
 *
 * An offer's text goes only while the appointment is still an open offer (stalePlanReason) and the
 * offer has not lapsed: it asks for a reply by the expiry, and a text that cannot be answered in time
 * is not sent (nor deferred past it). "Sorry we missed you" goes after the start, not before it: only
 * while the appointment is still recorded as missed, and within MISSED_TEXT_WITHIN_HOURS of its start.
 */
export function decideSend(loaded: ReminderWithContext, now: Date, quietHours: QuietHours): SendDecision {
  const stale = stalePlanReason(loaded);
  if (stale === 'not_scheduled') throw new Error('decideSend is only for scheduled reminders');
  if (stale) return skip(stale);
  const { client } = loaded;
  const late = tooLate(loaded, now);
  if (late) return skip(late);
  if (loaded.laterSteps.some((later) => isDueOrGone(later, now))) return skip('later_step_due');
  if (!client) return skip('client_unknown');
  const notTextable = whyNotTextable(client);
  if (notTextable) return skip(notTextable);
  if (!client.mobile) return skip('no_mobile'); // never: whyNotTextable checked it; narrows the type
  if (isQuietTime(now, quietHours)) {
    const until = endOfQuietHours(now, quietHours);
    if (until.getTime() < deadlineOf(loaded).getTime()) return { kind: 'defer', until };
    return skip(QUIET_HOURS_OUTLAST[loaded.reminder.step] ?? 'quiet_hours');
  }
  return { kind: 'send', client, to: client.mobile };
}

/** Why the step's text can no longer go at `now`, if it cannot. */
function tooLate(loaded: ReminderWithContext, now: Date): SkipReason | null {
  const { appointment, reminder } = loaded;
  const t = now.getTime();
  if (reminder.step === 'missed') {
    return t >= missedTextDeadline(appointment.startsAt).getTime() ? 'missed_text_too_late' : null;
  }
  if (t >= appointment.startsAt.getTime()) return 'appointment_started';
  if (reminder.step === 'offer' && t >= offerDeadline(loaded).getTime()) return 'offer_expired';
  return null;
}

/** The first moment the step's text can no longer go: quiet hours ending then or later skip it. */
function deadlineOf(loaded: ReminderWithContext): Date {
  switch (loaded.reminder.step) {
    case 'offer':
      return offerDeadline(loaded);
    case 'missed':
      return missedTextDeadline(loaded.appointment.startsAt);
    default:
      return loaded.appointment.startsAt;
  }
}

/** Why a step is skipped when quiet hours end too late for it (else quiet_hours). */
const QUIET_HOURS_OUTLAST: Partial<Record<ReminderStep, SkipReason>> = {
  offer: 'offer_expires_in_quiet_hours',
  missed: 'missed_text_too_late_after_quiet_hours',
};

/** When an offer's text can no longer be answered: its expiry, or the start if that came first. */
function offerDeadline({ appointment }: ReminderWithContext): Date {
  if (!appointment.offerExpiresAt)
    throw new Error(`Offered appointment ${appointment.appointmentId} has no expiry`);
  const expires = appointment.offerExpiresAt.getTime();
  return expires < appointment.startsAt.getTime() ? appointment.offerExpiresAt : appointment.startsAt;
}

function isDueOrGone(later: PlanStep, now: Date): boolean {
  return LIVE_STEP.has(later.status) && later.dueAt.getTime() <= now.getTime();
}

function skip(reason: SkipReason): SendDecision {
  return { kind: 'skip', reason };
}
