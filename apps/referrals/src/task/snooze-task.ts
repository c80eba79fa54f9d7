import { Injectable } from '@nestjs/common';
import type { Principal } from '@careloop/auth';
import { RequestValidationError, type IdempotentOutcome } from '@careloop/http';
import { snoozeProblem } from './task-rules';
import { TaskChanges } from './task-changes';
import type { SnoozeTaskBody, TaskView } from './task.dto';

/** Puts a task off until a time (after now, at most 30 days ahead) for a reason; it is due again then. */
@Injectable()
export class SnoozeTask {
  constructor(private readonly changes: TaskChanges) {}

  execute(
    principal: Principal,
    taskId: string,
    body: SnoozeTaskBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<TaskView>> {
    return this.changes.run(
      principal,
      taskId,
      { operation: 'snooze', body, idempotencyKey, subjectType: 'task' },
      async (context) => {
        const until = new Date(body.until);
        const problem = snoozeProblem(until, context.now);
        if (problem) {
          const message =
            problem === 'NOT_IN_FUTURE' ? 'must be later than now' : 'must be at most 30 days from now';
          throw new RequestValidationError([{ path: 'until', message, in: 'body' }]);
        }
        const saved = await this.changes.save(
          principal,
          context,
          { status: 'snoozed', snoozedUntil: until, snoozeReason: body.reason },
          // The reason is staff's free text: name it, never copy it.
          { change: 'snooze', until: until.toISOString(), fields: ['reason', 'until'] },
        );
        return this.changes.view(context.manager, saved, context.now);
      },
    );
  }
}
