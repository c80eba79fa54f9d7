import type { ActionSource, ReferralAction, ReferralActionType } from './referral-action';
import type { ReferralStatus } from './referral-status';

interface Rule {
  from: readonly ReferralStatus[];
  to: ReferralStatus;
  /** Who may take it. Closing and completing are a person's decision, never an event's. */
  by: readonly ActionSource[];
}

const OPEN_AFTER_SENDING: readonly ReferralStatus[] = [
  'sent',
  'accepted',
  'rejected',
  'booked',
  'attended',
  'did_not_attend',
  'outcome_unknown',
];

/**
 * The closed-loop lifecycle. A missed appointment never ends a referral: it moves to
 * `did_not_attend`, from where it is booked again (or a person closes it, giving an outcome).
 */
const RULES: Record<ReferralActionType, Rule> = {
  send: { from: ['draft'], to: 'sent', by: ['staff'] },
  'record-acceptance': { from: ['sent'], to: 'accepted', by: ['staff'] },
  'record-rejection': { from: ['sent', 'accepted'], to: 'rejected', by: ['staff'] },
  resend: { from: ['rejected'], to: 'sent', by: ['staff'] },
  // Booking an appointment implies the provider accepted; a rebooking after a miss, an unknown outcome
  // or a cancellation, or a follow-up after attending, books again.
  'appointment-booked': {
    from: ['sent', 'accepted', 'booked', 'did_not_attend', 'outcome_unknown', 'attended'],
    to: 'booked',
    by: ['staff', 'event'],
  },
  'appointment-cancelled': { from: ['booked'], to: 'accepted', by: ['staff', 'event'] },
  attended: { from: ['booked', 'outcome_unknown', 'did_not_attend'], to: 'attended', by: ['staff', 'event'] },
  'did-not-attend': { from: ['booked', 'outcome_unknown'], to: 'did_not_attend', by: ['staff', 'event'] },
  'outcome-overdue': { from: ['booked'], to: 'outcome_unknown', by: ['event'] },
  complete: { from: ['attended'], to: 'completed', by: ['staff'] },
  close: { from: ['draft', ...OPEN_AFTER_SENDING], to: 'closed', by: ['staff'] },
};

export type TransitionResult =
  | { ok: true; to: ReferralStatus }
  | { ok: false; reason: 'ILLEGAL_TRANSITION' | 'NOT_ALLOWED_FOR_SOURCE'; message: string };

/** Decides where an action takes a referral, or why it cannot. Pure: no I/O, no clock. */
export function nextStatus(
  from: ReferralStatus,
  action: ReferralAction,
  source: ActionSource,
): TransitionResult {
  const rule = RULES[action.type];
  if (!rule.by.includes(source)) {
    return {
      ok: false,
      reason: 'NOT_ALLOWED_FOR_SOURCE',
      message: `"${action.type}" can only be done by ${rule.by.join(' or ')}`,
    };
  }
  if (!rule.from.includes(from)) {
    return {
      ok: false,
      reason: 'ILLEGAL_TRANSITION',
      message: `A ${from.replace(/_/g, ' ')} referral cannot be moved by "${action.type}"`,
    };
  }
  return { ok: true, to: rule.to };
}

/** The actions a member of staff can take from a status, for the UI to offer. */
export function staffActionsFrom(status: ReferralStatus): ReferralActionType[] {
  return (Object.keys(RULES) as ReferralActionType[]).filter(
    (type) => RULES[type].by.includes('staff') && RULES[type].from.includes(status),
  );
}
