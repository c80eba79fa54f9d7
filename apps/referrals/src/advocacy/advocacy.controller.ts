import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey } from '@careloop/http';
import { CDAS_READERS, CDAS_WRITERS, CdasStaffGuard } from '../access/cdas-staff.guard';
import {
  clientIdParam,
  listAdvocacyActionsQuery,
  recordAdvocacyActionBody,
  type AdvocacyActionPage,
  type AdvocacyActionView,
  type ListAdvocacyActionsQuery,
  type RecordAdvocacyActionBody,
} from './advocacy.dto';
import { ListAdvocacyActions } from './list-advocacy-actions';
import { RecordAdvocacyAction } from './record-advocacy-action';

@ApiTags('advocacy')
@ApiBearerAuth()
@UseGuards(CdasStaffGuard)
@Controller('clients/:clientId/advocacy-actions')
export class AdvocacyController {
  constructor(
    private readonly recordAction: RecordAdvocacyAction,
    private readonly listActions: ListAdvocacyActions,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...CDAS_WRITERS)
  async record(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
    @Body({ schema: recordAdvocacyActionBody }) body: RecordAdvocacyActionBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<AdvocacyActionView> {
    const { result, replayed } = await this.recordAction.execute(principal, clientId, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }

  @Get()
  @Roles(...CDAS_READERS)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
    @Query({ schema: listAdvocacyActionsQuery }) query: ListAdvocacyActionsQuery,
  ): Promise<AdvocacyActionPage> {
    return this.listActions.execute(principal, clientId, query);
  }
}
