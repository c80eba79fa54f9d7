import { defineErrors } from '@careloop/http';

export class AdvocacyError extends defineErrors('advocacy', {
  CLIENT_NOT_FOUND: { status: 404, title: 'Client not found', consumer: 'dead-letter' },
  REFERRAL_NOT_FOR_CLIENT: {
    status: 422,
    title: "The referral is not one of this client's referrals",
    consumer: 'dead-letter',
  },
  OCCURRED_IN_FUTURE: {
    status: 422,
    title: 'An advocacy action cannot have happened in the future',
    consumer: 'dead-letter',
  },
  OCCURRED_TOO_LONG_AGO: {
    status: 422,
    title: 'An advocacy action can be back-dated by at most 30 days',
    consumer: 'dead-letter',
  },
}) {}
export type AdvocacyErrorCode = AdvocacyError['code'];
