import type { EntityManager } from 'typeorm';
import { REFERRALS_SCHEMA } from '../../referrals-schema';
import {
  iso,
  pageSql,
  windowParams,
  words,
  type TimelineSource,
  type TimelineWindow,
} from '../timeline-source';
import type { TimelineEntry, TimelineRefs } from '../timeline-entry';

const page = pageSql('appointment', 'a."starts_at"', 'a."appointment_id"');

/**
 * One entry per appointment, placed at its start time and showing its current status. Placed at
 * `starts_at`, not `updated_at`: the projection holds only the latest state, so an `updated_at` place
 * would move the entry each time booking reports something and break the paging cursor; when it
 * happened is what staff look for. Upcoming appointments therefore sit above today's entries. Each
 * change of status is also on the timeline through the referral's status changes, and each move as an
 * `appointment_rescheduled` entry.
 */
export const appointmentSource: TimelineSource = {
  kind: 'appointment',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows: {
      id: string;
      at: Date;
      referral_id: string | null;
      provider_name: string;
      service_type: string;
      status: string;
    }[] = await manager.query(
      `SELECT a."appointment_id"::text AS id, a."starts_at" AS at, a."referral_id"::text AS referral_id,
              a."provider_name", a."service_type", a."status"
         FROM "${REFERRALS_SCHEMA}"."client_appointment" a
        WHERE a."org_id" = $1 AND a."client_id" = $2 AND ${page.after}
        ORDER BY ${page.order}`,
      windowParams(window),
    );
    return rows.map((r) => {
      const refs: TimelineRefs = { appointmentId: r.id };
      if (r.referral_id) refs.referralId = r.referral_id;
      return {
        kind: 'appointment',
        id: r.id,
        occurredAt: iso(r.at),
        summary: `Appointment with ${r.provider_name} (${r.service_type}): ${words(r.status)}`,
        refs,
      };
    });
  },
};
