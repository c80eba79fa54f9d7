import { z } from 'zod';
import { destinationKindSchema } from '@careloop/contracts';
import type { ReferralStatus } from '../referral/lifecycle/referral-status';
import { organisationIdSchema } from '../report-sharing/report-sharing.dto';
import { daysInPeriod, MAX_REPORT_DAYS } from './report-period';

const londonDay = z.iso.date('must be a London date YYYY-MM-DD');

/** A filter left empty in a form (`destination=`) is no filter. */
const blankIsAbsent = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const filterText = (max: number) =>
  z.preprocess(blankIsAbsent, z.string().trim().max(max, `must be at most ${max} characters`).optional());

/**
 * `from`/`to`: London calendar days, both included, at most 366 days; both or neither (then the
 * previous calendar month). `destinationKind` and `destination` (the referral's destination name, any
 * case) narrow everything; `serviceType` (any case) narrows the appointment measures only. `orgId`:
 * whose report (ADR 27): a commissioner names the service sharing it; a service's own staff may leave
 * it out or give their own.
 */
export const referralsReportQuery = z
  .object({
    orgId: z.preprocess(blankIsAbsent, organisationIdSchema.optional()),
    from: londonDay.optional(),
    to: londonDay.optional(),
    destinationKind: z.preprocess(blankIsAbsent, destinationKindSchema.optional()),
    destination: filterText(200),
    serviceType: filterText(100),
  })
  .strict()
  .superRefine((q, ctx) => {
    if ((q.from === undefined) !== (q.to === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [q.from === undefined ? 'from' : 'to'],
        message: 'give from and to together, or neither for the previous calendar month',
      });
      return;
    }
    if (q.from === undefined || q.to === undefined) return;
    const days = daysInPeriod(q.from, q.to);
    if (Number.isNaN(days)) return; // a date is malformed: already reported
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be on or after from' });
    if (days > MAX_REPORT_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be at most ${MAX_REPORT_DAYS} days from from (both included)`,
      });
    }
  });
export type ReferralsReportQuery = z.output<typeof referralsReportQuery>;

export type DestinationKind = z.output<typeof destinationKindSchema>;
export const DESTINATION_KINDS: readonly DestinationKind[] = destinationKindSchema.options;

export interface ReportFilters {
  destinationKind: DestinationKind | null;
  destination: string | null;
  serviceType: string | null;
}

/**
 * Appointments by outcome. Rates are of the outcomes known (attended, did not attend, cancelled late,
 * left before being seen), 0..1 to 3 decimals, null when none is known.
 */
export interface AttendanceSummary {
  appointments: number;
  attended: number;
  didNotAttend: number;
  cancelledLate: number;
  leftBeforeSeen: number;
  outcomeUnknown: number;
  /** Still booked: no outcome recorded yet. */
  awaitingOutcome: number;
  attendanceRate: number | null;
  dnaRate: number | null;
}

/**
 * Elapsed days (24 hours); null when `count` is 0. Exact as counted; the JSON answer gives them to 1
 * decimal, the export in whole days, each rounded once from the exact value.
 */
export interface Timing {
  count: number;
  medianDays: number | null;
  p90Days: number | null;
}

/** Statuses a referral may have passed through, counted by "ever reached". */
export const REACHED_STATUSES = [
  'sent',
  'accepted',
  'booked',
  'attended',
  'did_not_attend',
  'completed',
  'closed',
] as const satisfies readonly ReferralStatus[];
export type ReachedStatus = (typeof REACHED_STATUSES)[number];

export interface ReferralFunnel {
  created: number;
  /** Status now, every status present. */
  byStatus: Record<ReferralStatus, number>;
  /** Ever had a status change to it. */
  reached: Record<ReachedStatus, number>;
}

export interface ReportTimings {
  needToReferral: Timing;
  referralToBooking: Timing;
  referralToAppointment: Timing;
  referralToAttendance: Timing;
}
export type TimingName = keyof ReportTimings;

export interface ReminderGroups {
  /** At least one pre-appointment reminder reached the phone (its sending recorded or not). */
  delivered: AttendanceSummary;
  /** Pre-appointment reminders sent, none known to have arrived. */
  sentNotConfirmed: AttendanceSummary;
  /** None sent, none arrived. */
  notSent: AttendanceSummary;
}

export interface ReservedSlotGroups {
  reserved: AttendanceSummary;
  general: AttendanceSummary;
  /** Projected before booking said. */
  unknown: AttendanceSummary;
}

export interface DestinationKindRow {
  destinationKind: DestinationKind;
  referralsCreated: number;
  appointments: AttendanceSummary;
  referralToAttendance: Timing;
}

export interface ServiceTypeRow {
  /** One row per service type in any case, named by one of its spellings (the first in byte order). */
  serviceType: string;
  appointments: AttendanceSummary;
}

export interface ReferralsReport {
  orgId: string;
  from: string;
  to: string;
  generatedAt: string;
  filters: ReportFilters;
  /** Referrals created in the period. */
  referrals: ReferralFunnel;
  /** Appointments of the organisation's clients starting in the period, not cancelled. */
  appointments: AttendanceSummary;
  /** Of the referrals created in the period that were sent, from when each was first sent. */
  timings: ReportTimings;
  reminders: ReminderGroups;
  reservedSlots: ReservedSlotGroups;
  /** Always gp, outpatient, inreach, other, in that order. */
  byDestinationKind: DestinationKindRow[];
  /** By name, in any case. */
  byServiceType: ServiceTypeRow[];
}
