import type { EntityManager } from 'typeorm';
import { REFERRALS_SCHEMA } from '../../referrals-schema';
import { iso, pageSql, windowParams, type TimelineSource, type TimelineWindow } from '../timeline-source';
import type { TimelineEntry } from '../timeline-entry';
import { checkTypeLabel } from './labels';

const page = pageSql('recall_check', 'c."recorded_at"', 'c."id"');

/**
 * A recalled check recorded, placed when it was recorded (`done_on` is a date without a time; it is
 * in the summary). The result summary may hold clinical detail and is not shown.
 */
export const recallCheckSource: TimelineSource = {
  kind: 'recall_check',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows: { id: string; at: Date; check_type: string; done_on: string; done_by: string }[] =
      await manager.query(
        `SELECT c."id"::text AS id, c."recorded_at" AS at, c."check_type", c."done_on"::text AS done_on,
                c."done_by"
           FROM "${REFERRALS_SCHEMA}"."recall_check" c
          WHERE c."org_id" = $1 AND c."client_id" = $2 AND ${page.after}
          ORDER BY ${page.order}`,
        windowParams(window),
      );
    return rows.map((r) => ({
      kind: 'recall_check',
      id: r.id,
      occurredAt: iso(r.at),
      summary: `${checkTypeLabel(r.check_type)} done on ${r.done_on}`,
      refs: {},
      by: r.done_by,
    }));
  },
};
