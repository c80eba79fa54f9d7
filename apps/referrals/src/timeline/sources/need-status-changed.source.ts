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
import type { TimelineEntry } from '../timeline-entry';
import { needCategoryLabel } from './labels';

const page = pageSql('need_status_changed', 'c."changed_at"', 'c."id"');

/** A need moving on (open → referred → ...); the first line of its history is `need_recorded`. */
export const needStatusChangedSource: TimelineSource = {
  kind: 'need_status_changed',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows: {
      id: string;
      at: Date;
      need_id: string;
      category: string;
      from_status: string;
      to_status: string;
      reason: string;
      changed_by: string;
    }[] = await manager.query(
      `SELECT c."id"::text AS id, c."changed_at" AS at, c."need_id"::text AS need_id, n."category",
              c."from_status", c."to_status", c."reason", c."changed_by"
         FROM "${REFERRALS_SCHEMA}"."need_status_change" c
         JOIN "${REFERRALS_SCHEMA}"."need" n ON n."id" = c."need_id"
        WHERE c."org_id" = $1 AND n."client_id" = $2 AND c."from_status" IS NOT NULL AND ${page.after}
        ORDER BY ${page.order}`,
      windowParams(window),
    );
    return rows.map((r) => ({
      kind: 'need_status_changed',
      id: r.id,
      occurredAt: iso(r.at),
      summary: `Need (${needCategoryLabel(r.category)}) moved from ${words(r.from_status)} to ${words(r.to_status)}: ${r.reason}`,
      refs: { needId: r.need_id },
      by: r.changed_by,
    }));
  },
};
