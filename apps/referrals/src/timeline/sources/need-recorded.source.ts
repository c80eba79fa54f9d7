import type { EntityManager } from 'typeorm';
import { REFERRALS_SCHEMA } from '../../referrals-schema';
import { iso, pageSql, windowParams, type TimelineSource, type TimelineWindow } from '../timeline-source';
import type { TimelineEntry } from '../timeline-entry';
import { needCategoryLabel } from './labels';

const page = pageSql('need_recorded', 'n."identified_at"', 'n."id"');

/** A need, placed when it was identified (which may be before it was recorded). Notes are not shown. */
export const needRecordedSource: TimelineSource = {
  kind: 'need_recorded',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows: { id: string; at: Date; category: string; identified_by: string }[] = await manager.query(
      `SELECT n."id"::text AS id, n."identified_at" AS at, n."category", n."identified_by"
         FROM "${REFERRALS_SCHEMA}"."need" n
        WHERE n."org_id" = $1 AND n."client_id" = $2 AND ${page.after}
        ORDER BY ${page.order}`,
      windowParams(window),
    );
    return rows.map((r) => ({
      kind: 'need_recorded',
      id: r.id,
      occurredAt: iso(r.at),
      summary: `Need recorded: ${needCategoryLabel(r.category)}`,
      refs: { needId: r.id },
      by: r.identified_by,
    }));
  },
};
