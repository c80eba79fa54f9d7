import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey } from '@careloop/http';
import { CDAS_READERS, CDAS_WRITERS, CdasStaffGuard } from '../access/cdas-staff.guard';
import { ApplyReferralAction } from './apply-referral-action';
import { CreateReferral } from './create-referral';
import { GetReferral } from './get-referral';
import { ListReferrals } from './list-referrals';
import {
  clientIdParam,
  createReferralBody,
  listReferralsQuery,
  referralActionBody,
  referralIdParam,
  type CreateReferralBody,
  type ListReferralsQuery,
  type ReferralActionBody,
  type ReferralListView,
  type ReferralView,
} from './referral.dto';

@ApiTags('referrals')
@ApiBearerAuth()
@UseGuards(CdasStaffGuard)
@Controller()
export class ReferralController {
  constructor(
    private readonly createReferral: CreateReferral,
    private readonly applyAction: ApplyReferralAction,
    private readonly getReferral: GetReferral,
    private readonly listReferrals: ListReferrals,
  ) {}

  @Post('clients/:clientId/referrals')
  @HttpCode(201)
  @Roles(...CDAS_WRITERS)
  @ApiOperation({
    summary: "Refer a client for one of their needs (as a draft, or sent); the need becomes 'referred'",
    description:
      "An in-reach referral may name the in-reach service (inreachServiceId, one your organisation hosts) whose waiting list the client joins; its name is the destination's when destinationName is left out.",
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
    @Body({ schema: createReferralBody }) body: CreateReferralBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<ReferralView> {
    const { result, replayed } = await this.createReferral.execute(principal, clientId, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.setHeader('Location', `/referrals/${result.id}`);
    return result;
  }

  @Get('referrals')
  @Roles(...CDAS_READERS)
  @ApiOperation({ summary: 'List and filter referrals, with per-status counts' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: listReferralsQuery }) query: ListReferralsQuery,
  ): Promise<ReferralListView> {
    return this.listReferrals.execute(principal, query);
  }

  @Get('referrals/:id')
  @Roles(...CDAS_READERS)
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: referralIdParam }) id: string,
  ): Promise<ReferralView> {
    return this.getReferral.execute(principal, id);
  }

  /** An action is a new line in the referral's history, hence POST. */
  @Post('referrals/:id/actions')
  @HttpCode(200)
  @Roles(...CDAS_WRITERS)
  @ApiOperation({ summary: 'Move a referral along its lifecycle; an illegal action is refused with 409' })
  async act(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: referralIdParam }) id: string,
    @Body({ schema: referralActionBody }) body: ReferralActionBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<ReferralView> {
    const { result, replayed } = await this.applyAction.execute(principal, id, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }
}
