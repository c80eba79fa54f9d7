import { isSmall } from '@careloop/http';

/** The counts of people in one row of an export, each a cell of its own. */
export interface PeopleCounts {
  bookedSeats: number;
  attended: number;
  didNotAttend: number;
  walkIns: number;
  seenWithKnownReferral: number;
}
export type PeopleCount = keyof PeopleCounts;
const PEOPLE_COUNTS: readonly PeopleCount[] = [
  'bookedSeats',
  'attended',
  'didNotAttend',
  'walkIns',
  'seenWithKnownReferral',
];

/**
 * Totals and the counts they are made of, near enough to work one out from the others: booked seats
 * also holds bookings with no outcome yet, and seen counts only those whose referral is known, but when
 * every outcome is in and every referral known they are exact sums.
 */
const TOTALS: readonly (readonly [total: PeopleCount, parts: readonly PeopleCount[]])[] = [
  ['bookedSeats', ['attended', 'didNotAttend']],
  ['seenWithKnownReferral', ['attended', 'walkIns']],
];

/**
 * The cells of a row to suppress: every small count (primary suppression), and every total with a
 * small part (secondary), since the total minus the parts shown would give the small part away
 * (attended 5 and seen 9 leave walk-ins 4). A small total needs nothing more: were it the exact sum
 * of its parts, each would be 0 or small and so suppressed too. No total is a part of another, so one
 * pass is enough.
 */
export function suppressedCounts(counts: PeopleCounts): ReadonlySet<PeopleCount> {
  const suppressed = new Set(PEOPLE_COUNTS.filter((count) => isSmall(counts[count])));
  for (const [total, parts] of TOTALS) {
    if (parts.some((part) => suppressed.has(part))) suppressed.add(total);
  }
  return suppressed;
}
