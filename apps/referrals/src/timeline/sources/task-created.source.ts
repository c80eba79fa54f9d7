import type { EntityManager } from 'typeorm';
import { REFERRALS_SCHEMA } from '../../referrals-schema';
import { TASKS_SYSTEM_USER } from '../../task/open-task';
import { iso, pageSql, windowParams, type TimelineSource, type TimelineWindow } from '../timeline-source';
import type { TimelineEntry } from '../timeline-entry';
import { taskRefs } from './task-refs';

const page = pageSql('task_created', 't."created_at"', 't."id"');

/** A follow-up task opened for the client (by an event), with its priority and one-line summary. */
export const taskCreatedSource: TimelineSource = {
  kind: 'task_created',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows: {
      id: string;
      at: Date;
      summary: string;
      priority: string;
      referral_id: string | null;
      appointment_id: string | null;
    }[] = await manager.query(
      `SELECT t."id"::text AS id, t."created_at" AS at, t."summary", t."priority",
              t."referral_id"::text AS referral_id, t."appointment_id"::text AS appointment_id
         FROM "${REFERRALS_SCHEMA}"."task" t
        WHERE t."org_id" = $1 AND t."client_id" = $2 AND ${page.after}
        ORDER BY ${page.order}`,
      windowParams(window),
    );
    return rows.map((r) => ({
      kind: 'task_created',
      id: r.id,
      occurredAt: iso(r.at),
      summary: `Task opened (${r.priority} priority): ${r.summary}`,
      refs: taskRefs(r),
      by: TASKS_SYSTEM_USER,
    }));
  },
};
