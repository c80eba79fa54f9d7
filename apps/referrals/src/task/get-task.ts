import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertVisibleTo, AuditTrail, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { TaskChanges } from './task-changes';
import { findTask } from './task-records';
import type { TaskView } from './task.dto';
import { TaskError } from './task.errors';

/** One task of the caller's organisation, with its appointment and contact attempts. Audited. */
@Injectable()
export class GetTask {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly changes: TaskChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(principal: Principal, taskId: string): Promise<TaskView> {
    return this.dataSource.transaction(async (manager) => {
      const task = await findTask(manager, taskId);
      assertVisibleTo(
        principal,
        task,
        () => new TaskError('TASK_NOT_FOUND', { detail: `No task ${taskId}` }),
      );
      await this.audit.record(manager, REFERRALS_SCHEMA, {
        actor: principal,
        action: 'read',
        subjectType: 'task',
        subjectId: task.id,
        clientId: task.clientId,
        correlationId: currentCorrelation()?.correlationId ?? task.id,
      });
      return this.changes.view(manager, task, this.clock.now());
    });
  }
}
