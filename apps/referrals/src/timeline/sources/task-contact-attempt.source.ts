import type { EntityManager } from 'typeorm';
import { REFERRALS_SCHEMA } from '../../referrals-schema';
import {
  CONTACT_METHOD_LABELS,
  CONTACT_OUTCOME_LABELS,
  type ContactMethod,
  type ContactOutcome,
} from '../../task/task-values';
import { iso, pageSql, windowParams, type TimelineSource, type TimelineWindow } from '../timeline-source';
import type { TimelineEntry } from '../timeline-entry';
import { taskRefs } from './task-refs';

const page = pageSql('task_contact_attempt', 'a."made_at"', 'a."id"');

/** A try at reaching the client for a task, placed when it was made: how, what came of it, the note. */
export const taskContactAttemptSource: TimelineSource = {
  kind: 'task_contact_attempt',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows: {
      id: string;
      at: Date;
      task_id: string;
      method: ContactMethod;
      outcome: ContactOutcome;
      note: string | null;
      recorded_by: string;
      referral_id: string | null;
      appointment_id: string | null;
    }[] = await manager.query(
      `SELECT a."id"::text AS id, a."made_at" AS at, a."task_id"::text AS task_id, a."method", a."outcome",
              a."note", a."recorded_by", t."referral_id"::text AS referral_id,
              t."appointment_id"::text AS appointment_id
         FROM "${REFERRALS_SCHEMA}"."task_contact_attempt" a
         JOIN "${REFERRALS_SCHEMA}"."task" t ON t."id" = a."task_id"
        WHERE a."org_id" = $1 AND a."client_id" = $2 AND ${page.after}
        ORDER BY ${page.order}`,
      windowParams(window),
    );
    return rows.map((r) => {
      const note = r.note ? `: ${r.note}` : '';
      return {
        kind: 'task_contact_attempt',
        id: r.id,
        occurredAt: iso(r.at),
        summary: `Contact attempt, ${CONTACT_METHOD_LABELS[r.method].toLowerCase()}: ${CONTACT_OUTCOME_LABELS[r.outcome]}${note}`,
        refs: taskRefs({ id: r.task_id, referral_id: r.referral_id, appointment_id: r.appointment_id }),
        by: r.recorded_by,
      };
    });
  },
};
