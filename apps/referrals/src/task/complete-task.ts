import { Injectable } from '@nestjs/common';
import type { Principal } from '@careloop/auth';
import type { IdempotentOutcome } from '@careloop/http';
import { TaskChanges } from './task-changes';
import type { CompleteTaskBody, TaskView } from './task.dto';

/**
 * Finishes a task with its outcome (and a note, which `other` and `safeguarding_concern` need). A
 * done task changes no more; completing never closes or discharges a referral (staff do that there).
 */
@Injectable()
export class CompleteTask {
  constructor(private readonly changes: TaskChanges) {}

  execute(
    principal: Principal,
    taskId: string,
    body: CompleteTaskBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<TaskView>> {
    return this.changes.run(
      principal,
      taskId,
      { operation: 'complete', body, idempotencyKey, subjectType: 'task' },
      async (context) => {
        const saved = await this.changes.save(
          principal,
          context,
          {
            status: 'done',
            snoozedUntil: null,
            snoozeReason: null,
            outcome: body.outcome,
            outcomeNote: body.note ?? null,
            completedBy: principal.userId,
            completedAt: context.now,
          },
          { change: 'complete', outcome: body.outcome, fields: Object.keys(body).sort() },
        );
        return this.changes.view(context.manager, saved, context.now);
      },
    );
  }
}
