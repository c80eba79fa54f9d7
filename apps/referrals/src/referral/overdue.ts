import type { Urgency } from './referral.entity';
import type { ReferralStatus } from './lifecycle/referral-status';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long a referral may wait in a waiting status before someone should chase it, per urgency. */
export const OVERDUE_AFTER_DAYS: Readonly<Record<Urgency, number>> = { urgent: 2, soon: 7, routine: 14 };

/** Statuses in which the referral waits on someone else (the provider, booking, the client). */
export const WAITING_STATUSES: readonly ReferralStatus[] = [
  'sent',
  'accepted',
  'rejected',
  'did_not_attend',
  'outcome_unknown',
];

export interface OverdueFacts {
  status: ReferralStatus;
  urgency: Urgency;
  statusChangedAt: Date;
}

/** Waiting for longer than its urgency allows since it entered its current status. Pure. */
export function isOverdue(referral: OverdueFacts, now: Date): boolean {
  if (!WAITING_STATUSES.includes(referral.status)) return false;
  return referral.statusChangedAt.getTime() < overdueCutoffs(now)[referral.urgency].getTime();
}

/** For each urgency, the instant before which entering a waiting status makes a referral overdue now. */
export function overdueCutoffs(now: Date): Record<Urgency, Date> {
  const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return {
    urgent: cutoff(OVERDUE_AFTER_DAYS.urgent),
    soon: cutoff(OVERDUE_AFTER_DAYS.soon),
    routine: cutoff(OVERDUE_AFTER_DAYS.routine),
  };
}
