import type { ReferralStatusValue } from '@careloop/contracts';

/**
 * Referral statuses in which the referral waits for an appointment: sent or accepted and not yet
 * booked, or booked again after a missed appointment or one whose outcome never came.
 */
export const AWAITING_BOOKING_STATUSES: readonly ReferralStatusValue[] = [
  'sent',
  'accepted',
  'did_not_attend',
  'outcome_unknown',
];

export function awaitsBooking(status: string): boolean {
  return (AWAITING_BOOKING_STATUSES as readonly string[]).includes(status);
}

/**
 * Referral statuses in which the client waits on an in-reach waiting list (in-reach's rule): only for
 * these does booking hold a seat for an offer, and a live offer hold ends when the referral leaves them.
 */
export const WAITING_LIST_STATUSES: readonly ReferralStatusValue[] = ['sent', 'accepted'];

export function waitsOnWaitingList(status: string): boolean {
  return (WAITING_LIST_STATUSES as readonly string[]).includes(status);
}
