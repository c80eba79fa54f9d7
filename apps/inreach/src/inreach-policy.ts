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

/** In-reach's timings; a constant in production, replaced by tests that move time. */
export interface InreachPolicy {
  horizonWeeks: number;
  clashLookaheadWeeks: number;
  horizonTickSeconds: number;
}

export const INREACH_POLICY = Symbol('INREACH_POLICY');

export const DEFAULT_INREACH_POLICY: InreachPolicy = {
  horizonWeeks: INREACH_HORIZON_WEEKS,
  clashLookaheadWeeks: CLASH_LOOKAHEAD_WEEKS,
  horizonTickSeconds: HORIZON_TICK_SECONDS,
};
