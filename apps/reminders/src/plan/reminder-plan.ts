import { londonToInstant } from '@careloop/time';
import { REMINDER_STEPS, type ReminderStep } from '@careloop/contracts';
import type { BookedStep, RemindersPolicy } from '../reminders-policy';
import { addDays, londonDate } from './london-days';
import { endOfQuietHours, isQuietTime } from './quiet-hours';

/**
 * Why a planned step will not be sent:
 * - past: its time has passed, or it would not go before the appointment starts;
 * - quiet_hours: it falls in quiet hours and the end of them is not before the appointment;
 * - same_time: another step of the plan goes at the same moment, and that later step says more.
 */
export type PlanSkipReason = 'past' | 'quiet_hours' | 'same_time';

export type PlannedStep =
  | { step: BookedStep; dueAt: Date; status: 'scheduled'; reason: null }
  | { step: BookedStep; dueAt: Date; status: 'skipped'; reason: PlanSkipReason };

/**
 * The plan for one booked appointment version, made at `now`: one entry per step of the policy, in plan
 * order. Every time is computed on the London wall clock, so a step "at 18:00 the day before" is 18:00
 * whether that day is in GMT or BST. Rules, in order:
 * 1. A step inside quiet hours moves to their end if that is still before the appointment; otherwise
 *    it is skipped (quiet_hours): never moved back into the evening before, where it would only
 *    repeat the evening_before text.
 * 2. A step due before `now`, or not before the appointment, is skipped (past).
 * 3. Steps due at the same moment (a confirmation moved to 08:00 beside a two_hours_before moved
 *    there too) are sent once: the later step in plan order is kept, the others are skipped.
 */
export function planReminders(startsAt: Date, now: Date, policy: RemindersPolicy): PlannedStep[] {
  const placed = policy.steps.map((step) =>
    place(step, stepTime(step, startsAt, now, policy), startsAt, now, policy),
  );
  return keepOnePerMoment(placed);
}

/** When a step would go, before quiet hours are applied. */
function stepTime(step: BookedStep, startsAt: Date, now: Date, policy: RemindersPolicy): Date {
  switch (step) {
    case 'confirmation':
      return now;
    case 'three_days_before':
      return londonToInstant(addDays(londonDate(startsAt), -3), policy.threeDaysBeforeAt);
    case 'evening_before':
      return londonToInstant(addDays(londonDate(startsAt), -1), policy.eveningBeforeAt);
    case 'two_hours_before':
      return new Date(startsAt.getTime() - policy.twoHoursBeforeMinutes * 60_000);
  }
}

function place(step: BookedStep, at: Date, startsAt: Date, now: Date, policy: RemindersPolicy): PlannedStep {
  let dueAt = at;
  if (isQuietTime(at, policy.quietHours)) {
    const end = endOfQuietHours(at, policy.quietHours);
    if (end >= startsAt) return { step, dueAt: at, status: 'skipped', reason: 'quiet_hours' };
    dueAt = end;
  }
  if (dueAt < now || dueAt >= startsAt) return { step, dueAt, status: 'skipped', reason: 'past' };
  return { step, dueAt, status: 'scheduled', reason: null };
}

function keepOnePerMoment(planned: PlannedStep[]): PlannedStep[] {
  const kept = new Map<number, BookedStep>();
  for (const p of planned) {
    if (p.status !== 'scheduled') continue;
    const moment = p.dueAt.getTime();
    const current = kept.get(moment);
    if (current === undefined || order(p.step) > order(current)) kept.set(moment, p.step);
  }
  return planned.map((p) =>
    p.status === 'scheduled' && kept.get(p.dueAt.getTime()) !== p.step
      ? { step: p.step, dueAt: p.dueAt, status: 'skipped', reason: 'same_time' }
      : p,
  );
}

function order(step: ReminderStep): number {
  return REMINDER_STEPS.indexOf(step);
}
