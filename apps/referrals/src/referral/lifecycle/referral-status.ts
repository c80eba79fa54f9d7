import { REFERRAL_STATUSES } from '@careloop/contracts';

/** Where a referral is on its way to an outcome (the contract's list). Only `completed` and `closed` are final. */
export { REFERRAL_STATUSES };
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
