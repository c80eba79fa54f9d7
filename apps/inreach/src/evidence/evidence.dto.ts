import { z } from 'zod';

/** Longest period one report covers, in London days, both ends included: a leap year. */
export const MAX_EVIDENCE_DAYS = 366;

const londonDate = z.iso.date();
const DAY_MS = 86_400_000;

export const evidenceQuery = z
  .object({
    /** London dates of the sessions counted, both inclusive. */
    from: londonDate,
    to: londonDate,
    /** `csv` for a spreadsheet with small counts suppressed; JSON otherwise. */
    format: z.enum(['json', 'csv']).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const days = (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS + 1;
    if (Number.isNaN(days)) return; // a date is malformed: already reported
    if (days < 1) ctx.addIssue({ code: 'custom', message: 'must be on or after from', path: ['to'] });
    if (days > MAX_EVIDENCE_DAYS) {
      ctx.addIssue({
        code: 'custom',
        message: `must be at most ${MAX_EVIDENCE_DAYS} days from from (both included)`,
        path: ['to'],
      });
    }
  });
export type EvidenceQuery = z.output<typeof evidenceQuery>;

/** What the database counts for one service over the period. */
export interface EvidenceCounts {
  /** Published, not cancelled, and ended. */
  sessionsHeld: number;
  /** Published, then cancelled by staff or an exception (not those replaced by a series edit). */
  sessionsCancelled: number;
  /** Whole slots times seats, of the sessions held. */
  bookableSeats: number;
  /** Appointments still booked in the sessions held. */
  bookedSeats: number;
  attended: number;
  didNotAttend: number;
  /** Walk-ins at the sessions held (walk-ins are only recorded at published sessions). */
  walkIns: number;
  /** Whole London days from referral to being seen, one per client seen whose referral is known. */
  daysReferralToSeen: number[];
}

/** The figures worked out from the counts. Rates are percentages to one decimal place; null without data. */
export interface EvidenceFigures extends Omit<EvidenceCounts, 'daysReferralToSeen'> {
  utilisationPercent: number | null;
  attendanceRatePercent: number | null;
  dnaRatePercent: number | null;
  /** How many clients seen (attended or walked in) have a known referral: what the median is of. */
  seenWithKnownReferral: number;
  medianDaysReferralToSeen: number | null;
}

export interface EvidenceServiceRow extends EvidenceFigures {
  serviceId: string;
  serviceName: string;
  serviceType: string;
  providerName: string;
  siteId: string;
  siteName: string;
}

export interface EvidenceReport {
  from: string;
  to: string;
  generatedAt: string;
  services: EvidenceServiceRow[];
}
