import type { ReferralStatusValue } from '@careloop/contracts';

export const ENTRY_STATUSES = ['waiting', 'booked', 'left', 'draft'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/**
 * Where a referral's status leaves its client on the waiting list: waiting while the referral is sent
 * or accepted (nobody has booked them yet), booked once it is, not yet on it while a draft, and off it
 * for any outcome (attended, did not attend, closed...). Did-not-attend does not rejoin by itself: the
 * keyworker's follow-up does, by sending the referral again.
 */
export function entryStatusOf(referralStatus: ReferralStatusValue): EntryStatus {
  switch (referralStatus) {
    case 'sent':
    case 'accepted':
      return 'waiting';
    case 'booked':
      return 'booked';
    case 'draft':
      return 'draft';
    case 'rejected':
    case 'attended':
    case 'did_not_attend':
    case 'outcome_unknown':
    case 'completed':
    case 'closed':
      return 'left';
  }
}
