import type { REFERRAL_ACTION_TYPES, ReferralStatusValue } from '@careloop/contracts';
import type { ReferralActionType } from './lifecycle/referral-action';
import type { ReferralStatus } from './lifecycle/referral-status';

/**
 * The event contracts name the lifecycle's statuses and actions; this fails to compile when the
 * lifecycle and the contracts drift apart (a status added to one and not the other).
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const STATUSES_MATCH_CONTRACT: Same<ReferralStatus, ReferralStatusValue> = true;
export const ACTIONS_MATCH_CONTRACT: Same<ReferralActionType, (typeof REFERRAL_ACTION_TYPES)[number]> = true;
