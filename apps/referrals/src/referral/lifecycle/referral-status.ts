/** Where a referral is on its way to an outcome. Only `completed` and `closed` are final. */
export const REFERRAL_STATUSES = [
  'draft',
  'sent',
  'accepted',
  'rejected',
  'booked',
  'attended',
  'did_not_attend',
  'outcome_unknown',
  'completed',
  'closed',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const FINAL_STATUSES: readonly ReferralStatus[] = ['completed', 'closed'];

/** Why a referral was closed without completing: a person decides, and says which. */
export const CLOSURE_OUTCOMES = [
  'client_declined',
  'no_longer_needed',
  'treated_elsewhere',
  'unable_to_contact',
  'client_moved_away',
  'client_in_prison',
  'client_died',
  'duplicate',
  'other',
] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];
