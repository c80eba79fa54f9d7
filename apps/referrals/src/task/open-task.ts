import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { newTaskProblems } from './task-rules';
import { TaskError } from './task.errors';
import type { TaskPriority, TaskType } from './task-values';

export type { TaskPriority, TaskType } from './task-values';

export interface NewTask {
  /** Unique per task, e.g. `dna:${appointmentId}`. */
  cause: string;
  type: TaskType;
  orgId: string;
  clientId: string;
  referralId: string | null;
  appointmentId: string | null;
  /** One staff-facing line. */
  summary: string;
  priority: TaskPriority;
  dueAt: Date;
  /** keyworker = the client's current keyworker, team = the client's site. */
  assignTo: 'keyworker' | 'team';
  /** E.g. { rebookSearch: {...}, replyText: '...' }, shown on the task. */
  detail?: Record<string, unknown>;
  /** The event id, kept for the audit trail. */
  causedBy: string;
}

/** Who opens tasks from events, in the audit log. */
export const TASKS_SYSTEM_USER = 'system:tasks';

const S = `"${REFERRALS_SCHEMA}"`;

/**
 * Opens a task for a client because of an event, at most once per cause: the insert skips a cause the
 * table already holds (a redelivered or re-sent event) and, for `mdt_review`, a referral that already
 * has one open (the table's partial unique index: two DNAs handled at once still make one review).
 * The team is the client's site; the assignee, for `keyworker`, the client's keyworker now.
 */
@Injectable()
export class OpenTask {
  constructor(private readonly audit: AuditTrail) {}

  /** Inside the caller's (inbox) transaction; a second call with the same cause changes nothing. */
  async execute(
    manager: EntityManager,
    task: NewTask,
    now: Date,
  ): Promise<{ taskId: string; created: boolean }> {
    const problems = newTaskProblems(task);
    if (problems.length > 0) {
      throw new TaskError('TASK_INVALID', { detail: `Task ${task.cause}: ${problems.join('; ')}` });
    }
    const [client] = (await manager.query(
      `SELECT "keyworker_id", "site_id" FROM ${S}."client" WHERE "id" = $1 AND "org_id" = $2`,
      [task.clientId, task.orgId],
    )) as { keyworker_id: string; site_id: string }[];
    if (!client) {
      throw new TaskError('CLIENT_NOT_FOUND', { detail: `No client ${task.clientId} in ${task.orgId}` });
    }
    if (task.referralId && !(await isReferralOf(manager, task))) {
      throw new TaskError('REFERRAL_NOT_FOR_CLIENT', {
        detail: `Referral ${task.referralId} is not a referral of client ${task.clientId}`,
      });
    }
    const id = randomUUID();
    const assignee = task.assignTo === 'keyworker' ? client.keyworker_id : null;
    const inserted = (await manager.query(
      `INSERT INTO ${S}."task" ("id", "org_id", "client_id", "referral_id", "appointment_id", "type", "cause",
         "summary", "detail", "due_at", "priority", "team_site_id", "assignee_user_id", "status", "caused_by",
         "created_at", "updated_at", "version")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, 'open', $14, $15, $15, 1)
       ON CONFLICT DO NOTHING RETURNING "id"`,
      [
        id,
        task.orgId,
        task.clientId,
        task.referralId,
        task.appointmentId,
        task.type,
        task.cause,
        task.summary.trim(),
        JSON.stringify(task.detail ?? {}),
        task.dueAt.toISOString(),
        task.priority,
        client.site_id,
        assignee,
        task.causedBy,
        now.toISOString(),
      ],
    )) as unknown[];
    if (inserted.length === 0) return { taskId: await existingTaskFor(manager, task), created: false };
    await this.audit.record(manager, REFERRALS_SCHEMA, {
      actor: { userId: TASKS_SYSTEM_USER, orgId: task.orgId, roles: [] },
      action: 'create',
      subjectType: 'task',
      subjectId: id,
      clientId: task.clientId,
      correlationId: currentCorrelation()?.correlationId ?? task.causedBy,
      details: {
        type: task.type,
        cause: task.cause,
        causedBy: task.causedBy,
        assignee,
        teamSiteId: client.site_id,
      },
      occurredAt: now,
    });
    return { taskId: id, created: true };
  }
}

async function isReferralOf(manager: EntityManager, task: NewTask): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM ${S}."referral" WHERE "id" = $1 AND "org_id" = $2 AND "client_id" = $3`,
    [task.referralId, task.orgId, task.clientId],
  );
  return rows.length > 0;
}

/** The task that made the insert a no-op: the one with the same cause, or the referral's open review. */
async function existingTaskFor(manager: EntityManager, task: NewTask): Promise<string> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM (
       SELECT "id"::text AS id, 1 AS rank FROM ${S}."task" WHERE "cause" = $1
       UNION ALL
       SELECT "id"::text, 2 FROM ${S}."task"
        WHERE $2::text = 'mdt_review' AND "type" = 'mdt_review' AND "referral_id" = $3 AND "status" <> 'done'
     ) found ORDER BY rank LIMIT 1`,
    [task.cause, task.type, task.referralId],
  );
  const found = rows[0];
  // Unreachable unless another unique rule is added to the table without a lookup here.
  if (!found) throw new Error(`Task ${task.cause} was neither inserted nor found`);
  return found.id;
}
