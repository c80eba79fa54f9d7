import type { EntityManager } from 'typeorm';
import { REFERRALS_SCHEMA } from '../../referrals-schema';
import { iso, pageSql, windowParams, type TimelineSource, type TimelineWindow } from '../timeline-source';
import type { TimelineEntry } from '../timeline-entry';
import { destinationKindLabel } from './labels';

const page = pageSql('referral_created', 'r."created_at"', 'r."id"');

/** A referral made, with where to and how urgently; the reason (clinical free text) is not shown. */
export const referralCreatedSource: TimelineSource = {
  kind: 'referral_created',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows: {
      id: string;
      at: Date;
      need_id: string;
      destination_kind: string;
      destination_name: string;
      urgency: string;
      created_by: string;
    }[] = await manager.query(
      `SELECT r."id"::text AS id, r."created_at" AS at, r."need_id"::text AS need_id, r."destination_kind",
              r."destination_name", r."urgency", r."created_by"
         FROM "${REFERRALS_SCHEMA}"."referral" r
        WHERE r."org_id" = $1 AND r."client_id" = $2 AND ${page.after}
        ORDER BY ${page.order}`,
      windowParams(window),
    );
    return rows.map((r) => ({
      kind: 'referral_created',
      id: r.id,
      occurredAt: iso(r.at),
      summary: `Referral to ${r.destination_name} (${destinationKindLabel(r.destination_kind)}, ${r.urgency})`,
      refs: { referralId: r.id, needId: r.need_id },
      by: r.created_by,
    }));
  },
};
