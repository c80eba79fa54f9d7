import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey } from '@careloop/http';
import { CDAS_READERS, CDAS_WRITERS, CdasStaffGuard } from '../access/cdas-staff.guard';
import { clientIdParam } from '../need/need.dto';
import type { CheckType } from './check-type';
import { GetClientRecall } from './get-client-recall';
import { GetRecallPolicy } from './get-recall-policy';
import { ListRecallDue } from './list-recall-due';
import { RecordCheck } from './record-check';
import {
  checkTypeParam,
  dueListQuery,
  recordCheckBody,
  setPolicyBody,
  type CheckPolicyView,
  type ClientRecallView,
  type DueListQuery,
  type DueListView,
  type RecallCheckView,
  type RecordCheckBody,
  type SetPolicyBody,
} from './recall.dto';
import { SetRecallPolicy } from './set-recall-policy';

@ApiTags('recall')
@ApiBearerAuth()
@UseGuards(CdasStaffGuard)
@Controller()
export class RecallController {
  constructor(
    private readonly getPolicy: GetRecallPolicy,
    private readonly setPolicy: SetRecallPolicy,
    private readonly recordCheck: RecordCheck,
    private readonly getClientRecall: GetClientRecall,
    private readonly listDue: ListRecallDue,
  ) {}

  @Get('recall-policy')
  @Roles(...CDAS_READERS)
  async policy(@CurrentPrincipal() principal: Principal): Promise<CheckPolicyView[]> {
    return this.getPolicy.execute(principal);
  }

  @Put('recall-policy/:checkType')
  @Roles('service_manager', 'admin')
  async changePolicy(
    @CurrentPrincipal() principal: Principal,
    @Param('checkType', { schema: checkTypeParam }) checkType: CheckType,
    @Body({ schema: setPolicyBody }) body: SetPolicyBody,
  ): Promise<CheckPolicyView[]> {
    return this.setPolicy.execute(principal, checkType, body);
  }

  @Post('clients/:clientId/recall-checks')
  @HttpCode(201)
  @Roles(...CDAS_WRITERS)
  async record(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
    @Body({ schema: recordCheckBody }) body: RecordCheckBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<RecallCheckView> {
    const { result, replayed } = await this.recordCheck.execute(principal, clientId, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }

  @Get('clients/:clientId/recall')
  @Roles(...CDAS_READERS)
  async forClient(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
  ): Promise<ClientRecallView> {
    return this.getClientRecall.execute(principal, clientId);
  }

  @Get('recall/due')
  @Roles(...CDAS_READERS)
  async due(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: dueListQuery }) query: DueListQuery,
  ): Promise<DueListView> {
    return this.listDue.execute(principal, query);
  }
}
