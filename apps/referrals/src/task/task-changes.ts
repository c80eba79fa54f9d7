import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertVisibleTo, AuditTrail, type Principal } from '@careloop/auth';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { auditReplay } from '../access/audit-replay';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import {
  clientNames,
  contactAttemptsOf,
  lockTask,
  saveTaskChange,
  taskAppointment,
  type TaskChange,
} from './task-records';
import type { Task } from './task.entity';
import type { TaskView } from './task.dto';
import { TaskError } from './task.errors';
import { toFullTaskView } from './task-view';

export interface TaskChangeRequest {
  /** Names the change in the Idempotency-Key scope and the audit entry (`reassign`, `snooze`...). */
  operation: string;
  body: object;
  idempotencyKey: string | undefined;
  /** What the replayed answer is, for the audit of the repeat (`task`, `task_contact_attempt`). */
  subjectType: string;
}

export interface TaskChangeContext {
  manager: EntityManager;
  task: Task;
  now: Date;
}

/**
 * How every change a member of staff makes to a task runs: one transaction; once per Idempotency-Key
 * (a repeat returns the first answer and is audited as a read); the task row locked, so concurrent
 * changes run one after the other and the second sees the first's result; another organisation's
 * task answers like a missing one; a done task refuses every change.
 */
@Injectable()
export class TaskChanges {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  run<T extends { id: string; clientId: string }>(
    principal: Principal,
    taskId: string,
    request: TaskChangeRequest,
    apply: (context: TaskChangeContext) => Promise<T>,
  ): Promise<IdempotentOutcome<T>> {
    return this.dataSource.transaction(async (manager) => {
      const change = async (): Promise<T> => {
        const task = await lockTask(manager, taskId);
        assertVisibleTo(
          principal,
          task,
          () => new TaskError('TASK_NOT_FOUND', { detail: `No task ${taskId}` }),
        );
        if (task.status === 'done') {
          throw new TaskError('TASK_DONE', {
            detail: `Task ${taskId} was completed (${task.outcome}) and cannot change`,
            extensions: { version: task.version },
          });
        }
        return apply({ manager, task, now: this.clock.now() });
      };
      return createOnce(
        manager,
        REFERRALS_SCHEMA,
        {
          caller: principal,
          operation: `task-${request.operation}:${taskId}`,
          key: request.idempotencyKey,
          body: { taskId, ...request.body },
        },
        change,
        auditReplay(this.audit, manager, principal, request.subjectType),
      );
    });
  }

  /** Saves a change to the locked task with its audit entry; the caller's transaction commits both. */
  async save(
    principal: Principal,
    { manager, task, now }: TaskChangeContext,
    change: TaskChange,
    details: Record<string, unknown>,
  ): Promise<Task> {
    const saved = await saveTaskChange(manager, task, change, now);
    // The row is locked, so only a change outside this path (none exists) could get here.
    if (!saved) throw new Error(`Task ${task.id} changed under its row lock`);
    await this.audit.record(manager, REFERRALS_SCHEMA, {
      actor: principal,
      action: 'update',
      subjectType: 'task',
      subjectId: task.id,
      clientId: task.clientId,
      correlationId: currentCorrelation()?.correlationId ?? task.id,
      details,
      occurredAt: now,
    });
    return saved;
  }

  /** The task in full, as the answer to a change. */
  async view(manager: EntityManager, task: Task, now: Date): Promise<TaskView> {
    const names = await clientNames(manager, task.orgId, [task.clientId]);
    const appointment = await taskAppointment(manager, task);
    const attempts = await contactAttemptsOf(manager, task.id);
    return toFullTaskView(task, names.get(task.clientId) ?? '', appointment, attempts, now);
  }
}
