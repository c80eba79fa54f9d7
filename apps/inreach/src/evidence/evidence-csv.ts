import type { EvidenceReport, EvidenceServiceRow } from './evidence.dto';
import { csvLines, isSmall, spreadsheetText, SUPPRESSED_COUNT, SUPPRESSED_FIGURE } from '@careloop/http';
import { suppressedCounts, type PeopleCount } from './small-number-suppression';

/** A count of people as exported on its own: 1 to 4 suppressed; 0 and 5 upward as they are. */
export function exportedCount(n: number): string {
  return isSmall(n) ? SUPPRESSED_COUNT : String(n);
}

/** One row's cells of counts of people and what is worked out from them, suppressed where needed. */
class SuppressedRow {
  private readonly suppressed: ReadonlySet<PeopleCount>;

  constructor(private readonly row: EvidenceServiceRow) {
    this.suppressed = suppressedCounts(row);
  }

  count(name: PeopleCount): string {
    const n = this.row[name];
    if (isSmall(n)) return SUPPRESSED_COUNT;
    return this.suppressed.has(name) ? SUPPRESSED_FIGURE : String(n);
  }

  /** A rate or median: suppressed when any count it is worked out from is; empty when there is none. */
  figure(value: number | null, from: readonly PeopleCount[]): string {
    if (from.some((name) => this.suppressed.has(name))) return SUPPRESSED_FIGURE;
    return value === null ? '' : String(value);
  }
}

type Column = [heading: string, cell: (r: EvidenceServiceRow, s: SuppressedRow) => string];

/**
 * Sessions and seats are the clinic's, not people, so they are exported as they are. Counts of clients
 * and everything worked out from them follow the suppression rules (small-number-suppression.ts).
 */
const COLUMNS: Column[] = [
  ['Site', (r) => spreadsheetText(r.siteName)],
  ['Service', (r) => spreadsheetText(r.serviceName)],
  ['Service type', (r) => spreadsheetText(r.serviceType)],
  ['Provider', (r) => spreadsheetText(r.providerName)],
  ['Sessions held', (r) => String(r.sessionsHeld)],
  ['Sessions cancelled', (r) => String(r.sessionsCancelled)],
  ['Bookable seats', (r) => String(r.bookableSeats)],
  ['Booked seats', (_, s) => s.count('bookedSeats')],
  ['Utilisation %', (r, s) => s.figure(r.utilisationPercent, ['bookedSeats'])],
  ['Attended', (_, s) => s.count('attended')],
  ['Did not attend', (_, s) => s.count('didNotAttend')],
  ['Attendance rate %', (r, s) => s.figure(r.attendanceRatePercent, ['attended', 'didNotAttend'])],
  ['DNA rate %', (r, s) => s.figure(r.dnaRatePercent, ['attended', 'didNotAttend'])],
  ['Walk-ins', (_, s) => s.count('walkIns')],
  ['Seen with known referral', (_, s) => s.count('seenWithKnownReferral')],
  ['Median days referral to seen', (r, s) => s.figure(r.medianDaysReferralToSeen, ['seenWithKnownReferral'])],
];

/** The report as CSV (RFC 4180, CRLF): a header row, then one row per service and site. */
export function evidenceCsv(report: EvidenceReport): string {
  return csvLines([
    COLUMNS.map(([heading]) => heading),
    ...report.services.map((row) => {
      const suppressed = new SuppressedRow(row);
      return COLUMNS.map(([, cell]) => cell(row, suppressed));
    }),
  ]);
}
