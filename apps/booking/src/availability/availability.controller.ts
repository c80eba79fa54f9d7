import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey } from '@careloop/http';
import { SUPPLY_ROLES } from '../organisation/supply-roles';
import { scheduleIdParam } from '../schedule/schedule.dto';
import { AddAvailabilityException } from './add-availability-exception';
import {
  createExceptionBody,
  createRuleBody,
  ruleIdParam,
  type CreatedRuleView,
  type CreateExceptionBody,
  type CreateRuleBody,
  type EndedRuleView,
  type ExceptionAddedView,
  type ExceptionView,
  type RuleView,
} from './availability.dto';
import { CreateAvailabilityRule } from './create-availability-rule';
import { EndAvailabilityRule } from './end-availability-rule';
import { ListAvailabilityExceptions } from './list-availability-exceptions';
import { ListAvailabilityRules } from './list-availability-rules';

/** A provider's recurring availability and exceptions, on its own schedules only. */
@ApiTags('booking')
@ApiBearerAuth()
@Controller()
@Roles(...SUPPLY_ROLES)
export class AvailabilityController {
  constructor(
    private readonly createRule: CreateAvailabilityRule,
    private readonly listRules: ListAvailabilityRules,
    private readonly endRule: EndAvailabilityRule,
    private readonly addException: AddAvailabilityException,
    private readonly listExceptions: ListAvailabilityExceptions,
  ) {}

  @Post('schedules/:id/availability-rules')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Add recurring availability (RRULE subset, London time) and make its slots up to the horizon',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: scheduleIdParam }) scheduleId: string,
    @Body({ schema: createRuleBody }) body: CreateRuleBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<CreatedRuleView> {
    const { result, replayed } = await this.createRule.execute(principal, scheduleId, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }

  @Get('schedules/:id/availability-rules')
  rules(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: scheduleIdParam }) scheduleId: string,
  ): Promise<RuleView[]> {
    return this.listRules.execute(principal, scheduleId);
  }

  /** Ending is a new fact about the rule, hence POST. */
  @Post('availability-rules/:id/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a rule: no more slots, its free future slots withdrawn' })
  end(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: ruleIdParam }) ruleId: string,
  ): Promise<EndedRuleView> {
    return this.endRule.execute(principal, ruleId);
  }

  @Post('schedules/:id/exceptions')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Record time the schedule is not available: withdraws every open slot in it, reports the held and booked appointments there (kept)',
  })
  async except(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: scheduleIdParam }) scheduleId: string,
    @Body({ schema: createExceptionBody }) body: CreateExceptionBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<ExceptionAddedView> {
    const { result, replayed } = await this.addException.execute(principal, scheduleId, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }

  @Get('schedules/:id/exceptions')
  exceptions(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: scheduleIdParam }) scheduleId: string,
  ): Promise<ExceptionView[]> {
    return this.listExceptions.execute(principal, scheduleId);
  }
}
