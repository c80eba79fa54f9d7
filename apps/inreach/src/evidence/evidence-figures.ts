import type { EvidenceCounts, EvidenceFigures } from './evidence.dto';

/** `part` of `whole` as a percentage to one decimal place; null when there is no whole to divide. */
export function percentOf(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

/** The middle value (the mean of the middle two for an even count); null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Rates from the counts. Attendance and DNA rates are of the appointments whose outcome is attended or
 * did not attend (the NHS outpatient DNA rate), so outcomes not yet recorded do not lower both.
 */
export function evidenceFigures(counts: EvidenceCounts): EvidenceFigures {
  const { daysReferralToSeen, ...rest } = counts;
  const outcomes = counts.attended + counts.didNotAttend;
  return {
    ...rest,
    utilisationPercent: percentOf(counts.bookedSeats, counts.bookableSeats),
    attendanceRatePercent: percentOf(counts.attended, outcomes),
    dnaRatePercent: percentOf(counts.didNotAttend, outcomes),
    seenWithKnownReferral: daysReferralToSeen.length,
    medianDaysReferralToSeen: median(daysReferralToSeen),
  };
}
