import { REMINDER_STEPS, type ReminderStep } from '@careloop/contracts';
import { isQuietWallClock } from './plan/quiet-hours';

/** A London wall-clock period, `from` inclusive to `to` exclusive; it wraps midnight when `to` < `from`. */
export interface QuietHours {
  from: string;
  to: string;
}

/**
 * The steps of a booked appointment's plan. `offer` is not one: it is the single text of a held
 * in-reach offer, planned when the offer is made (plan/offer-plan.ts), whatever this policy lists.
 * Nor is `missed`: the "sorry we missed you" text planned when attendance is recorded as did not
 * attend (plan/missed-plan.ts); the policy only says whether it is sent.
 */
export type BookedStep = Exclude<ReminderStep, 'offer' | 'missed'>;
export const BOOKED_STEPS: readonly BookedStep[] = REMINDER_STEPS.filter(
  (step): step is BookedStep => step !== 'offer' && step !== 'missed',
);

/** The steps REMINDER_STEPS may list: the booked plan's, and the text after a missed appointment. */
const LISTABLE_STEPS: readonly ReminderStep[] = [...BOOKED_STEPS, 'missed'];

/** When reminders go out (ADR 18); every time is a Europe/London wall-clock time, HH:mm. */
export interface RemindersPolicy {
  /** The steps planned for each booked appointment version. A step left out gets no row at all. */
  steps: readonly BookedStep[];
  /**
   * Whether a client recorded as not attending is texted "sorry we missed you" (the `missed` step,
   * on unless REMINDER_STEPS is set without it). Off, no row is planned at all.
   */
  missedText: boolean;
  /** The three_days_before reminder goes at this time, three calendar days before the appointment. */
  threeDaysBeforeAt: string;
  /** The evening_before reminder goes at this time, the calendar day before the appointment. */
  eveningBeforeAt: string;
  /** The two_hours_before reminder goes this long before the appointment starts. */
  twoHoursBeforeMinutes: number;
  /** No text goes out inside this period: a step falling inside is moved or skipped (see planReminders). */
  quietHours: QuietHours;
}

export const REMINDERS_POLICY = Symbol('REMINDERS_POLICY');

export const DEFAULT_REMINDERS_POLICY: RemindersPolicy = {
  steps: BOOKED_STEPS,
  missedText: true,
  threeDaysBeforeAt: '10:00',
  eveningBeforeAt: '18:00',
  twoHoursBeforeMinutes: 120,
  quietHours: { from: '21:00', to: '08:00' },
};

/**
 * The configuration keys of the policy, as the runtime configuration parses them. Each is optional
 * here (its default applies) so the policy does not depend on which keys a process's schema declares.
 */
export interface RemindersPolicyConfig {
  /** e.g. `confirmation,evening_before,missed`: the steps planned. */
  REMINDER_STEPS?: readonly string[];
  /** e.g. `21:00-08:00`. */
  REMINDER_QUIET_HOURS?: string;
  /** e.g. `10:00`. */
  REMINDER_THREE_DAYS_BEFORE_AT?: string;
  /** e.g. `18:00`. */
  REMINDER_EVENING_BEFORE_AT?: string;
}

const WALL_CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Builds the policy from configuration, refusing (with every bad key named) what cannot work. */
export function remindersPolicyFrom(config: RemindersPolicyConfig): RemindersPolicy {
  const problems: string[] = [];
  const { steps, missedText } = parseSteps(config.REMINDER_STEPS, problems);
  const quietHours = parseQuietHours(config.REMINDER_QUIET_HOURS, problems);
  const threeDaysBeforeAt = wallClock(
    'REMINDER_THREE_DAYS_BEFORE_AT',
    config.REMINDER_THREE_DAYS_BEFORE_AT ?? DEFAULT_REMINDERS_POLICY.threeDaysBeforeAt,
    problems,
  );
  const eveningBeforeAt = wallClock(
    'REMINDER_EVENING_BEFORE_AT',
    config.REMINDER_EVENING_BEFORE_AT ?? DEFAULT_REMINDERS_POLICY.eveningBeforeAt,
    problems,
  );
  if (problems.length === 0) {
    checkOutsideQuietHours(config, steps, quietHours, { threeDaysBeforeAt, eveningBeforeAt }, problems);
  }
  if (problems.length > 0) throw new RangeError(`Invalid reminders policy: ${problems.join('; ')}`);
  return {
    steps,
    missedText,
    threeDaysBeforeAt,
    eveningBeforeAt,
    twoHoursBeforeMinutes: DEFAULT_REMINDERS_POLICY.twoHoursBeforeMinutes,
    quietHours,
  };
}

function parseSteps(
  raw: readonly string[] | undefined,
  problems: string[],
): Pick<RemindersPolicy, 'steps' | 'missedText'> {
  if (raw === undefined) {
    const { steps, missedText } = DEFAULT_REMINDERS_POLICY;
    return { steps: [...steps], missedText };
  }
  const unknown = raw.filter((s) => !(REMINDER_STEPS as readonly string[]).includes(s));
  if (unknown.length > 0)
    problems.push(`REMINDER_STEPS: unknown ${unknown.join(', ')} (known: ${LISTABLE_STEPS.join(', ')})`);
  if (raw.includes('offer'))
    problems.push(
      'REMINDER_STEPS: offer is not a reminder of a booked appointment; an in-reach offer is texted when it is made',
    );
  if (new Set(raw).size !== raw.length) problems.push('REMINDER_STEPS: a step is listed twice');
  // Plan order is the contract's order, whatever order the operator listed them in.
  return { steps: BOOKED_STEPS.filter((s) => raw.includes(s)), missedText: raw.includes('missed') };
}

function parseQuietHours(raw: string | undefined, problems: string[]): QuietHours {
  if (raw === undefined) return { ...DEFAULT_REMINDERS_POLICY.quietHours };
  const [from = '', to = '', ...rest] = raw.split('-').map((part) => part.trim());
  if (rest.length > 0 || !WALL_CLOCK.test(from) || !WALL_CLOCK.test(to)) {
    problems.push(`REMINDER_QUIET_HOURS: expected HH:mm-HH:mm such as 21:00-08:00, got "${raw}"`);
  } else if (from === to) {
    problems.push('REMINDER_QUIET_HOURS: start and end are the same time');
  }
  return { from, to };
}

/**
 * A day-based step's time inside quiet hours would move or skip every one of those reminders
 * (planReminders), so the configuration is refused. A step not planned is never sent: its time may be anything.
 */
function checkOutsideQuietHours(
  config: RemindersPolicyConfig,
  steps: readonly BookedStep[],
  quietHours: QuietHours,
  times: Pick<RemindersPolicy, 'threeDaysBeforeAt' | 'eveningBeforeAt'>,
  problems: string[],
): void {
  const dayBased = [
    ['REMINDER_THREE_DAYS_BEFORE_AT', 'three_days_before', times.threeDaysBeforeAt],
    ['REMINDER_EVENING_BEFORE_AT', 'evening_before', times.eveningBeforeAt],
  ] as const;
  for (const [key, step, time] of dayBased) {
    if (!steps.includes(step) || !isQuietWallClock(time, quietHours)) continue;
    const source = config[key] === undefined ? ' (the default)' : '';
    problems.push(
      `${key}: ${time}${source} is inside REMINDER_QUIET_HOURS (${quietHours.from}-${quietHours.to}), ` +
        `so no ${step} reminder could go at its time; choose a time outside them`,
    );
  }
}

function wallClock(key: string, value: string, problems: string[]): string {
  if (!WALL_CLOCK.test(value)) problems.push(`${key}: expected a time HH:mm, got "${value}"`);
  return value;
}
