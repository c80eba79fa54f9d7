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
 *
 * An appointment's move is on the timeline as its `appointment_rescheduled` entry (the care event
 * recorded from the same event: same appointment, same time). So its history line shows only when the
 * referral's status changed with it, and then without the move's details; a line that only notes the
 * move (booked to booked) is left out, and each move shows once.
 */
export const referralStatusChangedSource: TimelineSource = {
  kind: 'referral_status_changed',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows: {
      id: string;
      changed_at: Date;
      referral_id: string;
      need_id: string;
      destination_name: string;
      from_status: string;
      to_status: string;
      reason: string | null;
      appointment_id: string | null;
      changed_by: string;
      is_move: boolean;
    }[] = await manager.query(
      `SELECT * FROM (
         SELECT c."id", c."changed_at", c."referral_id"::text AS referral_id, r."need_id"::text AS need_id,
                r."destination_name", c."from_status", c."to_status", c."reason",
                c."appointment_id"::text AS appointment_id, c."changed_by",
                EXISTS (
                  SELECT 1 FROM "${REFERRALS_SCHEMA}"."client_care_event" e
                   WHERE e."org_id" = c."org_id" AND e."client_id" = c."client_id"
                     AND e."kind" = 'appointment_rescheduled' AND e."at" = c."changed_at"
                     AND e."appointment_id" = c."appointment_id") AS is_move
           FROM "${REFERRALS_SCHEMA}"."referral_status_change" c
           JOIN "${REFERRALS_SCHEMA}"."referral" r ON r."id" = c."referral_id"
          WHERE c."org_id" = $1 AND c."client_id" = $2 AND c."from_status" IS NOT NULL
       ) c
        WHERE NOT (c."is_move" AND c."from_status" = c."to_status") AND ${page.after}
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
        occurredAt: iso(r.changed_at),
        summary: r.reason && !r.is_move ? `${moved}: ${r.reason}` : moved,
        refs,
        by: r.changed_by,
      };
    });
  },
};
