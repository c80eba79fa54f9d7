import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey } from '@careloop/http';
import { CDAS_READERS, CDAS_WRITERS, CdasStaffGuard } from '../access/cdas-staff.guard';
import { ChangeNeedStatus } from './change-need-status';
import { GetNeed } from './get-need';
import { ListClientNeeds } from './list-client-needs';
import {
  changeNeedStatusBody,
  listNeedsQuery,
  recordNeedBody,
  clientIdParam,
  needIdParam,
  type ChangeNeedStatusBody,
  type ListNeedsQuery,
  type NeedView,
  type RecordNeedBody,
} from './need.dto';
import { RecordNeed } from './record-need';

@ApiTags('needs')
@ApiBearerAuth()
@UseGuards(CdasStaffGuard)
@Controller()
export class NeedController {
  constructor(
    private readonly recordNeed: RecordNeed,
    private readonly listClientNeeds: ListClientNeeds,
    private readonly getNeed: GetNeed,
    private readonly changeNeedStatus: ChangeNeedStatus,
  ) {}

  @Post('clients/:clientId/needs')
  @HttpCode(201)
  @Roles(...CDAS_WRITERS)
  async record(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
    @Body({ schema: recordNeedBody }) body: RecordNeedBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<NeedView> {
    const { result, replayed } = await this.recordNeed.execute(principal, clientId, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.setHeader('Location', `/needs/${result.id}`);
    return result;
  }

  @Get('clients/:clientId/needs')
  @Roles(...CDAS_READERS)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
    @Query({ schema: listNeedsQuery }) query: ListNeedsQuery,
  ): Promise<NeedView[]> {
    return this.listClientNeeds.execute(principal, clientId, query);
  }

  @Get('needs/:needId')
  @Roles(...CDAS_READERS)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('needId', { schema: needIdParam }) needId: string,
  ): Promise<NeedView> {
    return this.getNeed.execute(principal, needId);
  }

  /** A status change is a new line in the need's history, hence POST. */
  @Post('needs/:needId/status-changes')
  @HttpCode(200)
  @Roles(...CDAS_WRITERS)
  async changeStatus(
    @CurrentPrincipal() principal: Principal,
    @Param('needId', { schema: needIdParam }) needId: string,
    @Body({ schema: changeNeedStatusBody }) body: ChangeNeedStatusBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<NeedView> {
    const { result, replayed } = await this.changeNeedStatus.execute(principal, needId, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }
}
