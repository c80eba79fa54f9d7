import { defineErrors } from '@careloop/http';

export class ReferralError extends defineErrors('referrals', {
  REFERRAL_NOT_FOUND: { status: 404, title: 'Referral not found', consumer: 'dead-letter' },
}) {}
export type ReferralErrorCode = ReferralError['code'];
