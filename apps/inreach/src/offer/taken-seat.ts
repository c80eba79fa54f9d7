import type { InreachPolicy } from '../inreach-policy';

/**
 * SQL: the session_appointment row `alias` takes a seat of its session: booked, or held and not lapsed
 * more than holdEndGraceMinutes before now (the parameter `lapsedBefore`, from holdsLapsedBefore). A
 * hold booking ended always says so; this only keeps a lost hold-ended event from taking a seat, or
 * barring its client, for good.
 */
export function takesASeat(alias: string, lapsedBefore: string): string {
  return `(${alias}."status" = 'booked' OR (${alias}."status" = 'held'
    AND (${alias}."hold_expires_at" IS NULL OR ${alias}."hold_expires_at" > ${lapsedBefore})))`;
}

/** Holds (and open offers) that lapsed before this are taken as ended, booking having said so or not. */
export function holdsLapsedBefore(now: Date, policy: Pick<InreachPolicy, 'holdEndGraceMinutes'>): Date {
  return new Date(now.getTime() - policy.holdEndGraceMinutes * 60_000);
}
