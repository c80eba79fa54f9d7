import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey } from '@careloop/http';
import { SUPPLY_ROLES } from '../organisation/supply-roles';
import { CreateSchedule } from './create-schedule';
import { ListScheduleSlots } from './list-schedule-slots';
import { ListSchedules } from './list-schedules';
import {
  createScheduleBody,
  listSchedulesQuery,
  scheduleIdParam,
  type CreateScheduleBody,
  type ListSchedulesQuery,
  type ScheduleView,
} from './schedule.dto';
import { scheduleSlotsQuery, type ScheduleSlotsQuery, type ScheduleSlotsView } from './schedule-slots.dto';

@ApiTags('booking')
@ApiBearerAuth()
@Controller('schedules')
export class ScheduleController {
  constructor(
    private readonly createSchedule: CreateSchedule,
    private readonly listSchedules: ListSchedules,
    private readonly listScheduleSlots: ListScheduleSlots,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...SUPPLY_ROLES)
  @ApiOperation({ summary: "Add a clinic, practitioner or service schedule at one of the caller's sites" })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: createScheduleBody }) body: CreateScheduleBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<ScheduleView> {
    const { result, replayed } = await this.createSchedule.execute(principal, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }

  /** Any signed-in member of staff: who offers what where, no client data. */
  @Get()
  @ApiOperation({ summary: 'Schedules by organisation, service type and site' })
  list(@Query({ schema: listSchedulesQuery }) query: ListSchedulesQuery): Promise<ScheduleView[]> {
    return this.listSchedules.execute(query);
  }

  /** The clinic's own view of its diary: another organisation's schedule is not found (404). */
  @Get(':id/slots')
  @Roles(...SUPPLY_ROLES)
  @ApiOperation({
    summary:
      "Every slot of one of the caller's schedules in a window (default today and 27 more days, at most 92), any status, with seats held and booked and the reservation",
  })
  slots(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: scheduleIdParam }) scheduleId: string,
    @Query({ schema: scheduleSlotsQuery }) query: ScheduleSlotsQuery,
  ): Promise<ScheduleSlotsView> {
    return this.listScheduleSlots.execute(principal, scheduleId, query);
  }
}
