import type { InreachPolicy } from '../inreach-policy';

const HOUR_MS = 3_600_000;

/**
 * When an offer made at `now` for a session starting at `sessionStartsAt` lapses: after offerHours,
 * or offerExpiryMarginHours before the session if that is sooner, so a seat declined at the last
 * moment can still go to the next client.
 */
export function offerExpiresAt(
  now: Date,
  sessionStartsAt: Date,
  policy: Pick<InreachPolicy, 'offerHours' | 'offerExpiryMarginHours'>,
): Date {
  return new Date(
    Math.min(
      now.getTime() + policy.offerHours * HOUR_MS,
      sessionStartsAt.getTime() - policy.offerExpiryMarginHours * HOUR_MS,
    ),
  );
}

/** The earliest start of a session whose seats may be offered at `now`. */
export function earliestOfferableStart(now: Date, policy: Pick<InreachPolicy, 'offerLeadHours'>): Date {
  return new Date(now.getTime() + policy.offerLeadHours * HOUR_MS);
}
