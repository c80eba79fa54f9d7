import { get } from '../support/http';
import type { FollowUpEnvironment } from './follow-up-env';

/** Attendance of a set of appointments; rates over the outcomes known, null when none is. */
export interface AttendanceSummary {
  appointments: number;
  attended: number;
  didNotAttend: number;
  cancelledLate: number;
  leftBeforeSeen: number;
  outcomeUnknown: number;
  awaitingOutcome: number;
  attendanceRate: number | null;
  dnaRate: number | null;
}

export interface Timing {
  count: number;
  medianDays: number | null;
  p90Days: number | null;
}

/** GET /reports/referrals, as much as the journey looks at. */
export interface ReferralsReport {
  orgId: string;
  from: string;
  to: string;
  generatedAt: string;
  filters: Record<string, string | null>;
  referrals: {
    created: number;
    byStatus: Record<string, number>;
    reached: Record<string, number>;
  };
  appointments: AttendanceSummary;
  timings: Record<
    'needToReferral' | 'referralToBooking' | 'referralToAppointment' | 'referralToAttendance',
    Timing
  >;
  reminders: Record<'delivered' | 'sentNotConfirmed' | 'notSent', AttendanceSummary>;
  reservedSlots: Record<'reserved' | 'general' | 'unknown', AttendanceSummary>;
  byDestinationKind: {
    destinationKind: string;
    referralsCreated: number;
    appointments: AttendanceSummary;
    referralToAttendance: Timing;
  }[];
  byServiceType: { serviceType: string; appointments: AttendanceSummary }[];
}

export type Period = { from: string; to: string };

/** The referrals report for the period, as the service manager reads it. */
export async function readReport(
  env: FollowUpEnvironment,
  period: Period,
): Promise<{ json: ReferralsReport }> {
  const read = await get<ReferralsReport>(
    `${env.referrals.url}/reports/referrals?${new URLSearchParams(period).toString()}`,
    { token: env.tokens.manager },
  );
  expect(read.status).toBe(200);
  return { json: read.body };
}

/** The CSV export for the period: its headers and rows (`section,group,measure,value`), parsed. */
export async function exportReport(
  env: FollowUpEnvironment,
  period: Period,
): Promise<{ contentType: string | null; disposition: string | null; rows: string[][] }> {
  const read = await get(
    `${env.referrals.url}/reports/referrals/export?${new URLSearchParams(period).toString()}`,
    {
      token: env.tokens.manager,
      headers: { accept: 'text/csv' },
    },
  );
  expect(read.status).toBe(200);
  return {
    contentType: read.headers.get('content-type'),
    disposition: read.headers.get('content-disposition'),
    rows: parseCsv(read.text),
  };
}

/** RFC 4180: fields split on commas and line ends, quoted fields with doubled quotes inside. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
