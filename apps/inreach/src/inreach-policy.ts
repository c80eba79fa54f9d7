import type { RuntimeConfig } from '@careloop/runtime';

/** How far ahead a series' sessions are made: 12 weeks, as far as booking's own horizon reaches. */
export const INREACH_HORIZON_WEEKS = 12;

/**
 * How far ahead a new or edited series is checked against the room's other series, beyond the sessions
 * already made: a clash found a year early is a 409 to the coordinator, not a session the horizon job
 * quietly cannot make months later.
 */
export const CLASH_LOOKAHEAD_WEEKS = 52;

/** How often the horizon job looks for series whose sessions fall short of the horizon. */
export const HORIZON_TICK_SECONDS = 600;

/** How often the offer job looks for services whose waiting lists are due to be offered seats. */
export const OFFER_TICK_SECONDS = 30;

/** How long a client has to take an offered seat, at most. */
export const OFFER_HOURS = 48;

/**
 * Only sessions starting at least this far ahead are offered: time to answer, to remind and to arrange
 * getting there (booking's own minimum notice is 24 hours too).
 */
export const OFFER_LEAD_HOURS = 24;

/** An offer lapses at least this long before its session starts, so a declined seat can still go to someone. */
export const OFFER_EXPIRY_MARGIN_HOURS = 12;

/** A client waiting longer than this goes ahead of others of the same urgency. */
export const LONG_WAIT_DAYS = 28;

/**
 * How long after booking could not place an offer the service's waiting list is looked at again: not at
 * once, so a seat in-reach counts as free but booking does not (a miscount) cannot make offers spin.
 */
export const UNPLACED_RETRY_SECONDS = 60;

/**
 * How long after a hold's expiry in-reach stops waiting for booking to say it ended (booking's timer
 * ends a lapsed hold within a tick): the seat then counts as free and an offer still open on it is
 * closed as expired, so a lost event never keeps a seat or a client forever.
 */
export const HOLD_END_GRACE_MINUTES = 15;

/** In-reach's timings: the defaults, with the offer hours and tick from configuration; tests build their own. */
export interface InreachPolicy {
  horizonWeeks: number;
  clashLookaheadWeeks: number;
  horizonTickSeconds: number;
  offerTickSeconds: number;
  offerHours: number;
  offerLeadHours: number;
  offerExpiryMarginHours: number;
  longWaitDays: number;
  unplacedRetrySeconds: number;
  holdEndGraceMinutes: number;
}

export const INREACH_POLICY = Symbol('INREACH_POLICY');

export const DEFAULT_INREACH_POLICY: InreachPolicy = {
  horizonWeeks: INREACH_HORIZON_WEEKS,
  clashLookaheadWeeks: CLASH_LOOKAHEAD_WEEKS,
  horizonTickSeconds: HORIZON_TICK_SECONDS,
  offerTickSeconds: OFFER_TICK_SECONDS,
  offerHours: OFFER_HOURS,
  offerLeadHours: OFFER_LEAD_HOURS,
  offerExpiryMarginHours: OFFER_EXPIRY_MARGIN_HOURS,
  longWaitDays: LONG_WAIT_DAYS,
  unplacedRetrySeconds: UNPLACED_RETRY_SECONDS,
  holdEndGraceMinutes: HOLD_END_GRACE_MINUTES,
};

/** The policy of a running in-reach: INREACH_OFFER_HOURS and INREACH_OFFER_TICK_SECONDS configure offers. */
export function inreachPolicyFrom(config: RuntimeConfig): InreachPolicy {
  return {
    ...DEFAULT_INREACH_POLICY,
    offerHours: config.INREACH_OFFER_HOURS,
    offerTickSeconds: config.INREACH_OFFER_TICK_SECONDS,
  };
}
