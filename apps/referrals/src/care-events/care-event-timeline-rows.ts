import type { EntityManager } from 'typeorm';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import type { TimelineKind, TimelineRefs } from '../timeline/timeline-entry';
import { pageSql, windowParams, type TimelineWindow } from '../timeline/timeline-source';
import type { CareEventKind, OfferEndReason } from './client-care-event.entity';

export interface CareEventTimelineRow {
  id: string;
  at: Date;
  appointment_id: string | null;
  referral_id: string | null;
  /** The event's, or else the appointment's as this service last knew it. */
  provider_name: string | null;
  service_type: string | null;
  service_name: string | null;
  location: string | null;
  previous_starts_at: Date | null;
  starts_at: Date | null;
  offer_id: string | null;
  expires_at: Date | null;
  end_reason: OfferEndReason | null;
  kind: CareEventKind;
  by: string;
}

const S = `"${REFERRALS_SCHEMA}"`;

/**
 * One page of the client's care events of one kind (or of several shown as one timeline kind), in the
 * timeline's order after the cursor, scoped to the window's organisation. Shared by the care event
 * timeline sources.
 */
export async function careEventTimelineRows(
  manager: EntityManager,
  window: TimelineWindow,
  timelineKind: TimelineKind,
  kinds: CareEventKind | readonly CareEventKind[],
): Promise<CareEventTimelineRow[]> {
  const page = pageSql(timelineKind, 'e."at"', 'e."id"');
  return manager.query(
    `SELECT e."id"::text AS id, e."at", e."appointment_id"::text AS appointment_id,
            e."referral_id"::text AS referral_id, COALESCE(e."provider_name", a."provider_name") AS provider_name,
            COALESCE(e."service_type", a."service_type") AS service_type, e."service_name", e."location",
            e."previous_starts_at", e."starts_at", e."offer_id"::text AS offer_id, e."expires_at",
            e."end_reason", e."kind", e."by"
       FROM ${S}."client_care_event" e
       LEFT JOIN ${S}."client_appointment" a
         ON a."appointment_id" = e."appointment_id" AND a."org_id" = e."org_id"
      WHERE e."org_id" = $1 AND e."client_id" = $2 AND e."kind" = ANY($7::text[]) AND ${page.after}
      ORDER BY ${page.order}`,
    [...windowParams(window), typeof kinds === 'string' ? [kinds] : kinds],
  );
}

export function careEventRefs(row: CareEventTimelineRow): TimelineRefs {
  const refs: TimelineRefs = {};
  if (row.appointment_id) refs.appointmentId = row.appointment_id;
  if (row.referral_id) refs.referralId = row.referral_id;
  return refs;
}
