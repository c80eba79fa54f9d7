import type { EntityManager } from 'typeorm';
import { ADVOCACY_ACTION_LABELS, type AdvocacyActionType } from '../../advocacy/advocacy-action-type';
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

const page = pageSql('advocacy_action', 'a."occurred_at"', 'a."id"');

/** What staff did for the client, with the outcome they wrote. */
export const advocacyActionSource: TimelineSource = {
  kind: 'advocacy_action',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows: {
      id: string;
      at: Date;
      referral_id: string | null;
      action_type: AdvocacyActionType;
      accompanied_by: string | null;
      outcome: string;
      recorded_by: string;
    }[] = await manager.query(
      `SELECT a."id"::text AS id, a."occurred_at" AS at, a."referral_id"::text AS referral_id, a."action_type",
              a."accompanied_by", a."outcome", a."recorded_by"
         FROM "${REFERRALS_SCHEMA}"."advocacy_action" a
        WHERE a."org_id" = $1 AND a."client_id" = $2 AND ${page.after}
        ORDER BY ${page.order}`,
      windowParams(window),
    );
    return rows.map((r) => {
      const refs: TimelineRefs = {};
      if (r.referral_id) refs.referralId = r.referral_id;
      const what = ADVOCACY_ACTION_LABELS[r.action_type];
      const who = r.accompanied_by ? ` (${words(r.accompanied_by)})` : '';
      return {
        kind: 'advocacy_action',
        id: r.id,
        occurredAt: iso(r.at),
        summary: `${what}${who}: ${r.outcome}`,
        refs,
        by: r.recorded_by,
      };
    });
  },
};
