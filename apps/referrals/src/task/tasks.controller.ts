import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey, type IdempotentOutcome } from '@careloop/http';
import { CDAS_READERS, CDAS_WRITERS, CdasStaffGuard } from '../access/cdas-staff.guard';
import { CompleteTask } from './complete-task';
import { GetTask } from './get-task';
import { ListTasks } from './list-tasks';
import { ReassignTask } from './reassign-task';
import { RecordContactAttempt } from './record-contact-attempt';
import { SnoozeTask } from './snooze-task';
import {
  completeTaskBody,
  listTasksQuery,
  reassignTaskBody,
  recordContactAttemptBody,
  snoozeTaskBody,
  taskIdParam,
  type CompleteTaskBody,
  type ListTasksQuery,
  type ReassignTaskBody,
  type RecordContactAttemptBody,
  type RecordedContactAttemptView,
  type SnoozeTaskBody,
  type TaskListView,
  type TaskView,
} from './task.dto';

function answer<T>(outcome: IdempotentOutcome<T>, res: ServerResponse): T {
  if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return outcome.result;
}

@ApiTags('tasks')
@ApiBearerAuth()
@UseGuards(CdasStaffGuard)
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly listTasks: ListTasks,
    private readonly getTask: GetTask,
    private readonly reassignTask: ReassignTask,
    private readonly snoozeTask: SnoozeTask,
    private readonly completeTask: CompleteTask,
    private readonly recordContactAttempt: RecordContactAttempt,
  ) {}

  @Get()
  @Roles(...CDAS_READERS)
  @ApiOperation({ summary: 'A worklist (mine, team, overdue) with the open counts of all three' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: listTasksQuery }) query: ListTasksQuery,
  ): Promise<TaskListView> {
    return this.listTasks.execute(principal, query);
  }

  @Get(':id')
  @Roles(...CDAS_READERS)
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: taskIdParam }) id: string,
  ): Promise<TaskView> {
    return this.getTask.execute(principal, id);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @Roles(...CDAS_WRITERS)
  @ApiOperation({ summary: 'Give the task to a member of staff, or back to the team (assigneeUserId null)' })
  async reassign(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: taskIdParam }) id: string,
    @Body({ schema: reassignTaskBody }) body: ReassignTaskBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<TaskView> {
    return answer(await this.reassignTask.execute(principal, id, body, idempotencyKey), res);
  }

  @Post(':id/snooze')
  @HttpCode(200)
  @Roles(...CDAS_WRITERS)
  @ApiOperation({ summary: 'Put the task off (at most 30 days) for a reason; it is due again then' })
  async snooze(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: taskIdParam }) id: string,
    @Body({ schema: snoozeTaskBody }) body: SnoozeTaskBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<TaskView> {
    return answer(await this.snoozeTask.execute(principal, id, body, idempotencyKey), res);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles(...CDAS_WRITERS)
  @ApiOperation({ summary: 'Finish the task with an outcome; a done task refuses every change (409)' })
  async complete(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: taskIdParam }) id: string,
    @Body({ schema: completeTaskBody }) body: CompleteTaskBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<TaskView> {
    return answer(await this.completeTask.execute(principal, id, body, idempotencyKey), res);
  }

  @Post(':id/contact-attempts')
  @HttpCode(201)
  @Roles(...CDAS_WRITERS)
  @ApiOperation({ summary: "Record a try at reaching the client; it shows on the client's timeline" })
  async contactAttempt(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: taskIdParam }) id: string,
    @Body({ schema: recordContactAttemptBody }) body: RecordContactAttemptBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<RecordedContactAttemptView> {
    return answer(await this.recordContactAttempt.execute(principal, id, body, idempotencyKey), res);
  }
}
