/**
 * The date the demo's recurring clinics run from. Fixed, not today: a restart on a kept data directory
 * sends each seed request again with the same body, so its Idempotency-Key replays it; a body with
 * another day's date would be refused as a reused key. Only future sessions become slots, so a past
 * start shows nothing old.
 */
export const DEMO_SEASON_START = '2025-01-01';
