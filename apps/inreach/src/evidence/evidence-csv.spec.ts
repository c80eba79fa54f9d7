import { evidenceCsv, exportedCount } from './evidence-csv';
import type { EvidenceReport, EvidenceServiceRow } from './evidence.dto';

function aRow(overrides: Partial<EvidenceServiceRow> = {}): EvidenceServiceRow {
  return {
    serviceId: '0b1c2d3e-0000-4000-8000-000000000001',
    serviceName: 'Hepatitis C treatment',
    serviceType: 'hepatitis_c',
    providerName: 'St Elsewhere Hepatology',
    siteId: '0b1c2d3e-0000-4000-8000-000000000002',
    siteName: 'Riverside Hub',
    sessionsHeld: 3,
    sessionsCancelled: 1,
    bookableSeats: 27,
    bookedSeats: 20,
    utilisationPercent: 74.1,
    attended: 15,
    didNotAttend: 5,
    attendanceRatePercent: 75,
    dnaRatePercent: 25,
    walkIns: 6,
    seenWithKnownReferral: 9,
    medianDaysReferralToSeen: 12.5,
    ...overrides,
  };
}

const report = (...services: EvidenceServiceRow[]): EvidenceReport => ({
  from: '2026-04-01',
  to: '2026-06-30',
  generatedAt: '2026-07-01T09:00:00.000Z',
  services,
});

const cellsOf = (csv: string) =>
  csv
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

describe('exported counts', () => {
  it('suppresses 1 to 4 and shows 0 and 5 upward', () => {
    expect([0, 1, 4, 5, 12].map(exportedCount)).toEqual(['0', '<5', '<5', '5', '12']);
  });
});

describe('the evidence CSV', () => {
  it('has a header and one row per service, counts of 5 and over as they are', () => {
    const [header, row] = cellsOf(evidenceCsv(report(aRow())));
    expect(header).toEqual([
      'Site',
      'Service',
      'Service type',
      'Provider',
      'Sessions held',
      'Sessions cancelled',
      'Bookable seats',
      'Booked seats',
      'Utilisation %',
      'Attended',
      'Did not attend',
      'Attendance rate %',
      'DNA rate %',
      'Walk-ins',
      'Seen with known referral',
      'Median days referral to seen',
    ]);
    expect(row).toEqual([
      'Riverside Hub',
      'Hepatitis C treatment',
      'hepatitis_c',
      'St Elsewhere Hepatology',
      '3',
      '1',
      '27',
      '20',
      '74.1',
      '15',
      '5',
      '75',
      '25',
      '6',
      '9',
      '12.5',
    ]);
  });

  it('suppresses small counts of people and every figure that would give them away', () => {
    const [, row] = cellsOf(
      evidenceCsv(
        report(
          aRow({
            bookedSeats: 4,
            utilisationPercent: 14.8,
            attended: 3,
            didNotAttend: 1,
            attendanceRatePercent: 75,
            dnaRatePercent: 25,
            walkIns: 2,
            seenWithKnownReferral: 1,
            medianDaysReferralToSeen: 40,
          }),
        ),
      ),
    );
    // Sessions and seats are the clinic's, not people: shown as they are.
    expect(row!.slice(4, 7)).toEqual(['3', '1', '27']);
    expect(row!.slice(7)).toEqual([
      '<5',
      'suppressed',
      '<5',
      '<5',
      'suppressed',
      'suppressed',
      '<5',
      '<5',
      'suppressed',
    ]);
  });

  it('also suppresses a total from which a suppressed count could be worked out, and its figures', () => {
    const [, seenGivesWalkInsAway] = cellsOf(
      evidenceCsv(report(aRow({ attended: 5, walkIns: 4, seenWithKnownReferral: 9 }))),
    );
    // Columns: booked seats (7) to median (15).
    expect(seenGivesWalkInsAway!.slice(7)).toEqual([
      '20',
      '74.1',
      '5',
      '5',
      '75',
      '25',
      '<5',
      'suppressed',
      'suppressed',
    ]);

    const [, bookedGivesDnaAway] = cellsOf(
      evidenceCsv(report(aRow({ bookedSeats: 18, attended: 15, didNotAttend: 3 }))),
    );
    expect(bookedGivesDnaAway!.slice(7, 13)).toEqual([
      'suppressed',
      'suppressed',
      '15',
      '<5',
      'suppressed',
      'suppressed',
    ]);
  });

  it('shows a zero as zero, and leaves a figure with no data empty', () => {
    const [, row] = cellsOf(
      evidenceCsv(
        report(
          aRow({
            attended: 0,
            didNotAttend: 0,
            attendanceRatePercent: null,
            dnaRatePercent: null,
            walkIns: 0,
            seenWithKnownReferral: 0,
            medianDaysReferralToSeen: null,
          }),
        ),
      ),
    );
    expect(row!.slice(9)).toEqual(['0', '0', '', '', '0', '0', '']);
  });

  it('quotes text with commas or quotes, and defuses text a spreadsheet would run as a formula', () => {
    const csv = evidenceCsv(
      report(aRow({ serviceName: 'Wound care, "drop-in"', providerName: '=HYPERLINK("http://x")' })),
    );
    expect(csv.split('\r\n')[1]).toMatch(
      /^Riverside Hub,"Wound care, ""drop-in""",hepatitis_c,"'=HYPERLINK\(""http:\/\/x""\)",/,
    );
  });

  it('defuses a formula behind blanks or a line break too', () => {
    for (const [given, exported] of [
      ['  =1+1', "'  =1+1"],
      ['\n=1+1', `"'\n=1+1"`],
      ['\nSt Elsewhere', `"'\nSt Elsewhere"`],
      ['-', "'-"],
    ]) {
      const [, row] = evidenceCsv(report(aRow({ providerName: given! }))).split('\r\n');
      expect(row!.split(',')[3]).toBe(exported);
    }
  });
});
