import { Injectable } from '@nestjs/common';
import type { Principal } from '@careloop/auth';
import type { IdempotentOutcome } from '@careloop/http';
import { TaskChanges } from './task-changes';
import type { ReassignTaskBody, TaskView } from './task.dto';

/**
 * Gives a task to a member of staff, or back to the team (null). The user id cannot be checked here
 * beyond its shape: the identity provider, not this service, knows the organisation's staff.
 */
@Injectable()
export class ReassignTask {
  constructor(private readonly changes: TaskChanges) {}

  execute(
    principal: Principal,
    taskId: string,
    body: ReassignTaskBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<TaskView>> {
    return this.changes.run(
      principal,
      taskId,
      { operation: 'reassign', body, idempotencyKey, subjectType: 'task' },
      async (context) => {
        const from = context.task.assigneeUserId;
        const saved = await this.changes.save(
          principal,
          context,
          { assigneeUserId: body.assigneeUserId },
          { change: 'reassign', assignee: { from, to: body.assigneeUserId } },
        );
        return this.changes.view(context.manager, saved, context.now);
      },
    );
  }
}
