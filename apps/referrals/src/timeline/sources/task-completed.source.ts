import type { EntityManager } from 'typeorm';
import { REFERRALS_SCHEMA } from '../../referrals-schema';
import { TASK_OUTCOME_LABELS, type TaskOutcome } from '../../task/task-values';
import { iso, pageSql, windowParams, type TimelineSource, type TimelineWindow } from '../timeline-source';
import type { TimelineEntry } from '../timeline-entry';
import { taskRefs } from './task-refs';

const page = pageSql('task_completed', 't."completed_at"', 't."id"');

/** A follow-up task finished, with its outcome and the worker's note (their own words) when given. */
export const taskCompletedSource: TimelineSource = {
  kind: 'task_completed',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows: {
      id: string;
      at: Date;
      summary: string;
      outcome: TaskOutcome;
      outcome_note: string | null;
      completed_by: string;
      referral_id: string | null;
      appointment_id: string | null;
    }[] = await manager.query(
      `SELECT t."id"::text AS id, t."completed_at" AS at, t."summary", t."outcome", t."outcome_note",
              t."completed_by", t."referral_id"::text AS referral_id, t."appointment_id"::text AS appointment_id
         FROM "${REFERRALS_SCHEMA}"."task" t
        WHERE t."org_id" = $1 AND t."client_id" = $2 AND t."completed_at" IS NOT NULL AND ${page.after}
        ORDER BY ${page.order}`,
      windowParams(window),
    );
    return rows.map((r) => {
      const note = r.outcome_note ? `: ${r.outcome_note}` : '';
      return {
        kind: 'task_completed',
        id: r.id,
        occurredAt: iso(r.at),
        summary: `Task done (${r.summary}), outcome ${TASK_OUTCOME_LABELS[r.outcome]}${note}`,
        refs: taskRefs(r),
        by: r.completed_by,
      };
    });
  },
};
