import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { CdasStaffGuard } from '../access/cdas-staff.guard';
import { CompleteTask } from './complete-task';
import { GetTask } from './get-task';
import { ListTasks } from './list-tasks';
import { OpenTask } from './open-task';
import { ReassignTask } from './reassign-task';
import { RecordContactAttempt } from './record-contact-attempt';
import { SnoozeTask } from './snooze-task';
import { TaskContactAttempt } from './task-contact-attempt.entity';
import { TaskChanges } from './task-changes';
import { Task } from './task.entity';
import { TasksController } from './tasks.controller';

export const TASK_ENTITIES = [Task, TaskContactAttempt];

/**
 * Follow-up tasks and the worklists. Exports `OpenTask` for the consumers that open tasks from other
 * services' events (a module that provides such a consumer imports this one).
 */
@Module({
  controllers: [TasksController],
  providers: [
    OpenTask,
    ListTasks,
    GetTask,
    ReassignTask,
    SnoozeTask,
    CompleteTask,
    RecordContactAttempt,
    TaskChanges,
    AuditTrail,
    CdasStaffGuard,
  ],
  exports: [OpenTask],
})
export class TaskModule {}
