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

const page = pageSql('referral_status_changed', 'c."changed_at"', 'c."id"');

/**
 * A referral moving on, by staff or following another service's event (booked, attended, ...). The
 * first line of its history (no `from_status`) is the `referral_created` entry instead.
 */
export const referralStatusChangedSource: TimelineSource = {
  kind: 'referral_status_changed',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows: {
      id: string;
      at: Date;
      referral_id: string;
      need_id: string;
      destination_name: string;
      from_status: string;
      to_status: string;
      reason: string | null;
      appointment_id: string | null;
      changed_by: string;
    }[] = await manager.query(
      `SELECT c."id"::text AS id, c."changed_at" AS at, c."referral_id"::text AS referral_id,
              r."need_id"::text AS need_id, r."destination_name", c."from_status", c."to_status", c."reason",
              c."appointment_id"::text AS appointment_id, c."changed_by"
         FROM "${REFERRALS_SCHEMA}"."referral_status_change" c
         JOIN "${REFERRALS_SCHEMA}"."referral" r ON r."id" = c."referral_id"
        WHERE c."org_id" = $1 AND c."client_id" = $2 AND c."from_status" IS NOT NULL AND ${page.after}
        ORDER BY ${page.order}`,
      windowParams(window),
    );
    return rows.map((r) => {
      const refs: TimelineRefs = { referralId: r.referral_id, needId: r.need_id };
      if (r.appointment_id) refs.appointmentId = r.appointment_id;
      const moved = `Referral to ${r.destination_name} moved from ${words(r.from_status)} to ${words(r.to_status)}`;
      return {
        kind: 'referral_status_changed',
        id: r.id,
        occurredAt: iso(r.at),
        summary: r.reason ? `${moved}: ${r.reason}` : moved,
        refs,
        by: r.changed_by,
      };
    });
  },
};
