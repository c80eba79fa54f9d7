import { defineErrors } from '@careloop/http';

/**
 * The referral context's errors. For consumers of booking's events: an id this service does not know
 * can never succeed (dead letter); a transition the referral's state forbids (a late attendance for a
 * closed referral) is expected and ignored.
 */
export class ReferralError extends defineErrors('referrals', {
  REFERRAL_NOT_FOUND: { status: 404, title: 'Referral not found', consumer: 'dead-letter' },
  CLIENT_NOT_FOUND: { status: 404, title: 'Client not found', consumer: 'dead-letter' },
  NEED_NOT_FOUND: { status: 422, title: 'No such need for this client', consumer: 'dead-letter' },
  NEED_NOT_REFERRABLE: {
    status: 409,
    title: 'The need cannot be referred in its current status',
    consumer: 'dead-letter',
  },
  INREACH_SERVICE_NOT_ALLOWED: {
    status: 422,
    title: 'Only an in-reach referral names an in-reach service',
    consumer: 'dead-letter',
  },
  INREACH_SERVICE_UNKNOWN: {
    status: 422,
    title: 'No such in-reach service is hosted by your organisation',
    consumer: 'dead-letter',
  },
  REFERRAL_ILLEGAL_TRANSITION: {
    status: 409,
    title: 'The referral cannot take that action now',
    consumer: 'ignore',
  },
  REFERRAL_CHANGED_CONCURRENTLY: {
    status: 409,
    title: 'The referral changed while this action was applied; try again',
    consumer: 'retry',
  },
  APPOINTMENT_NOT_FOUND: {
    status: 404,
    title: 'No appointment with that id is known here',
    consumer: 'dead-letter',
  },
  APPOINTMENT_MISMATCH: {
    status: 422,
    title: 'The appointment does not match the referral or client it names',
    consumer: 'dead-letter',
  },
}) {}
export type ReferralErrorCode = ReferralError['code'];
