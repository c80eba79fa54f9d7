import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditTrail, type Principal } from '@careloop/auth';
import { RequestValidationError, type IdempotentOutcome } from '@careloop/http';
import { currentCorrelation } from '@careloop/observability';
import { resolveOccurredAt } from '../advocacy/advocacy-rules';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { TaskContactAttempt } from './task-contact-attempt.entity';
import { TaskChanges } from './task-changes';
import { saveTaskChange } from './task-records';
import type { RecordContactAttemptBody, RecordedContactAttemptView } from './task.dto';
import { toContactAttemptView } from './task-view';

/**
 * Records a try at reaching the client for an open task (how, and what came of it). It is a change to
 * the task (its version goes up), so it waits for the task's row lock like the others; a done task
 * refuses it. `madeAt` as for advocacy actions: now when not given, up to 30 days back.
 */
@Injectable()
export class RecordContactAttempt {
  constructor(
    private readonly changes: TaskChanges,
    private readonly audit: AuditTrail,
  ) {}

  execute(
    principal: Principal,
    taskId: string,
    body: RecordContactAttemptBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<RecordedContactAttemptView>> {
    return this.changes.run(
      principal,
      taskId,
      { operation: 'contact-attempt', body, idempotencyKey, subjectType: 'task_contact_attempt' },
      async ({ manager, task, now }) => {
        const made = resolveOccurredAt(body.madeAt, now);
        if (made.problem) {
          const future = made.problem === 'IN_FUTURE';
          throw new RequestValidationError([
            {
              path: 'madeAt',
              message: future ? 'must not be in the future' : 'must be within the last 30 days',
              in: 'body',
            },
          ]);
        }
        const attempt = manager.create(TaskContactAttempt, {
          id: randomUUID(),
          taskId: task.id,
          orgId: task.orgId,
          clientId: task.clientId,
          method: body.method,
          outcome: body.outcome,
          note: body.note ?? null,
          madeAt: made.at,
          recordedBy: principal.userId,
          recordedAt: now,
        });
        await manager.insert(TaskContactAttempt, attempt);
        const saved = await saveTaskChange(manager, task, {}, now);
        if (!saved) throw new Error(`Task ${task.id} changed under its row lock`);
        await this.audit.record(manager, REFERRALS_SCHEMA, {
          actor: principal,
          action: 'create',
          subjectType: 'task_contact_attempt',
          subjectId: attempt.id,
          clientId: task.clientId,
          correlationId: currentCorrelation()?.correlationId ?? attempt.id,
          // The note is staff's free text: name it, never copy it.
          details: {
            taskId: task.id,
            method: body.method,
            outcome: body.outcome,
            fields: Object.keys(body).sort(),
          },
          occurredAt: now,
        });
        return { ...toContactAttemptView(attempt), taskVersion: saved.version };
      },
    );
  }
}
