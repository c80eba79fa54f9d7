import { isSmall, SUPPRESSED_COUNT, SUPPRESSED_FIGURE } from '@careloop/http';

/** What the export does to its figures, written in the file so that a reader knows. */
export const DISCLOSURE_CONTROL =
  'counts 1-4 as <5, others rounded to nearest 5; rates (2 decimals) worked from the rounded counts; ' +
  'waits in whole days; rates and waits of 1-4 suppressed';

/** Counts are rounded to a multiple of this, so a difference of exported counts is no small count. */
const ROUNDING_BASE = 5;
/** The fewest people a median or 90th percentile may be of in an export. */
const FEWEST_FOR_A_WAIT = 5;

/** A count of 5 or more rounded to the nearest 5, halves up (7 is 5, 8 is 10). */
const rounded = (n: number) => Math.floor(n / ROUNDING_BASE + 0.5) * ROUNDING_BASE;

/**
 * A count as exported: 0 as it is, 1 to 4 suppressed, 5 upward rounded to the nearest 5 (halves up;
 * 7 is 5, 8 is 10). Rounding every count, totals and parts alike, is what stops a suppressed count
 * being worked out by difference: 7 attended of 10 appointments is exported as 5 of 10.
 */
export function exportedCount(n: number): string {
  if (n === 0) return '0';
  if (isSmall(n)) return SUPPRESSED_COUNT;
  return String(rounded(n));
}

/**
 * A rate as exported: suppressed when its numerator or denominator is 1 to 4, empty when there is
 * no denominator; otherwise the rate of the two counts rounded as exported, to 2 decimals, halves up.
 * From the exact counts, a rate with the rounded counts beside it could pin a suppressed one down (40
 * and 10 of 53 known outcomes show 0.75 and 0.19, which only 3 more outcomes fit); from the rounded
 * ones it says no more than another rounded count. Worked out in whole numbers, since a float rate
 * can fall just under a half (145 of 1000 is 0.14499...).
 */
export function exportedRate(numerator: number, denominator: number): string {
  if (denominator === 0) return '';
  if (isSmall(numerator) || isSmall(denominator)) return SUPPRESSED_FIGURE;
  const [n, d] = [rounded(numerator), rounded(denominator)];
  return String(Math.floor((200 * n + d) / (2 * d)) / 100);
}

/**
 * A median or 90th percentile of `count` waits as exported, from the exact days (rounded once, never
 * from the JSON's 1 decimal): suppressed when of fewer than 5 (one client's wait would be exact);
 * empty when there are none; otherwise in whole days, halves up.
 */
export function exportedDays(days: number | null, count: number): string {
  if (days === null) return '';
  return count < FEWEST_FOR_A_WAIT ? SUPPRESSED_FIGURE : String(Math.round(days));
}
