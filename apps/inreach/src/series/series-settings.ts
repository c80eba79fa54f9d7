import { isClockTime, minutesOf } from '@careloop/recurrence';

/** What a series' sessions are: when they recur, where, and how they are cut into slots. */
export interface SeriesSettings {
  roomId: string;
  rrule: string;
  startTime: string;
  endTime: string;
  validFrom: string;
  validUntil: string | null;
  slotMinutes: number;
  seatsPerSlot: number;
  walkInAllowance: number;
}

export interface SettingsIssue {
  path: string;
  message: string;
}

/**
 * What is wrong with settings taken together, each naming the field: a session ends after it starts
 * on the same day and holds at least one whole slot; the series ends on or after it begins. A slot
 * length that does not divide the session is allowed: the last, shorter part is not bookable (as
 * booking's sessionSlots cuts it). Fields that are not well formed are left to their own checks.
 */
export function settingsIssues(
  s: Pick<SeriesSettings, 'startTime' | 'endTime' | 'slotMinutes' | 'validFrom' | 'validUntil'>,
): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  if (isClockTime(s.startTime) && isClockTime(s.endTime)) {
    const length = minutesOf(s.endTime) - minutesOf(s.startTime);
    if (length <= 0) {
      issues.push({
        path: 'endTime',
        message: 'must be after startTime (a session ends on the day it starts)',
      });
    } else if (Number.isInteger(s.slotMinutes) && s.slotMinutes > length) {
      issues.push({ path: 'slotMinutes', message: `must fit at least once in the ${length}-minute session` });
    }
  }
  if (s.validUntil !== null && s.validUntil < s.validFrom) {
    issues.push({ path: 'validUntil', message: 'must be on or after validFrom' });
  }
  return issues;
}

/** Whole slots of `slotMinutes` in a session from startTime to endTime; the rest is not bookable. */
export function wholeSlots(s: Pick<SeriesSettings, 'startTime' | 'endTime' | 'slotMinutes'>): number {
  return Math.floor((minutesOf(s.endTime) - minutesOf(s.startTime)) / s.slotMinutes);
}
