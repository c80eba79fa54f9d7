import { randomUUID } from 'node:crypto';
import type { OrganisationKind, Principal } from '@careloop/auth';
import type { EventEnvelope } from '@careloop/contracts';
import type { Database } from '@careloop/persistence';
import type { HttpMethod } from '@careloop/testing';
import type { ManualClock } from '@careloop/time';
import { aPrincipal } from './referral-fixture';
import { anAppointmentOf, useReportService } from './report-fixture';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: { path: string; message: string; in?: string }[];
}

export interface AuditRow {
  actor_user_id: string;
  actor_org_id: string;
  action: string;
  subject_type: string;
  subject_id: string;
  client_id: string | null;
  details: Record<string, unknown>;
}

/**
 * The report service (report-fixture's) on its own database of the real Postgres, for sharing
 * reports: with the share and audit tables to look at, and a month of referrals to share.
 */
export function useSharingService(database: string, clock: ManualClock) {
  const reports = useReportService(database, clock);
  return {
    get url(): string {
      return reports.url;
    },
    get db(): Database {
      return reports.db;
    },
    call<T = Problem>(who: Principal, method: HttpMethod, path: string, body?: unknown) {
      return reports.call<T>(who, method, path, body);
    },
    download: (who: Principal, path: string) => reports.download(who, path),
    deliver: (...events: EventEnvelope[]) => reports.deliver(...events),
    /** A POST with a raw (not JSON-encoded) body. */
    async postRaw(who: Principal, path: string, text: string) {
      const response = await reports.fetchAs(who, path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: text,
      });
      return { status: response.status, body: (await response.json()) as Problem };
    },
    /** The audit entries about report shares and report exports, in the order written. */
    async reportAudit(): Promise<AuditRow[]> {
      return this.db.dataSource.query(
        `SELECT "actor_user_id", "actor_org_id", "action", "subject_type", "subject_id", "client_id", "details"
           FROM "referrals"."audit_log" WHERE "subject_type" IN ('report_share', 'referrals_report')
          ORDER BY "seq"`,
      );
    },
    async shareRows(orgId: string): Promise<{ commissioner_org_id: string; revoked_at: Date | null }[]> {
      return this.db.dataSource.query(
        `SELECT "commissioner_org_id", "revoked_at" FROM "referrals"."report_share" WHERE "org_id" = $1`,
        [orgId],
      );
    },
    /**
     * A small October 2026 at a service: referrals to each kind of destination made by a keyworker,
     * some booked, attended or missed, so the report has figures of every size.
     */
    async arrangeOctober(orgId: string): Promise<void> {
      const worker = aPrincipal({ orgId });
      const kinds = ['gp', 'outpatient', 'inreach', 'other'] as const;
      const outcomes = ['attended', 'did_not_attend', 'attended', 'cancelled_late', 'attended'] as const;
      for (let i = 0; i < 14; i++) {
        const day = String(1 + i * 2).padStart(2, '0');
        const { clientId, referralId } = await reports.aReferral(worker, {
          createdAt: `2026-10-${day}T10:00:00Z`,
          identifiedAt: `2026-10-${day}T09:00:00Z`,
          destinationKind: kinds[i % kinds.length]!,
          destinationName: `Clinic ${i % 3}`,
        });
        if (i % 7 === 6) continue;
        const appointment = anAppointmentOf(orgId, clientId, referralId, {
          serviceType: i % 2 === 0 ? 'COPD review' : 'Hepatitis C clinic',
          underReservation: i % 3 === 0,
          startsAt: `2026-10-${String(3 + i * 2).padStart(2, '0')}T10:00:00Z`,
          bookedAt: `2026-10-${day}T12:00:00Z`,
        });
        const outcome = outcomes[i % outcomes.length]!;
        await reports.deliver(
          appointment.booked,
          appointment.attendance(outcome, appointment.booked.data.endsAt),
        );
      }
    },
  };
}

/** A manager or administrator of an organisation of a kind. */
export const aManagerOf = (orgKind: OrganisationKind, orgId: string, overrides: Partial<Principal> = {}) =>
  aPrincipal({
    orgId,
    orgKind,
    roles: ['service_manager'],
    userId: `manager-${randomUUID()}`,
    siteIds: [],
    ...overrides,
  });
