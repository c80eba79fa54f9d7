import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey } from '@careloop/http';
import { CreateReferral } from './create-referral';
import { GetReferral } from './get-referral';
import {
  createReferralBody,
  referralIdParam,
  type CreateReferralBody,
  type ReferralView,
} from './referral.dto';

const REFERRERS = ['drug_worker', 'nurse', 'clinician'] as const;

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReferralController {
  constructor(
    private readonly createReferral: CreateReferral,
    private readonly getReferral: GetReferral,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...REFERRERS)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: createReferralBody }) body: CreateReferralBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<ReferralView> {
    const { result, replayed } = await this.createReferral.execute(principal, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.setHeader('Location', `/referrals/${result.id}`);
    return result;
  }

  @Get(':id')
  @Roles(...REFERRERS, 'service_manager')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: referralIdParam }) id: string,
  ): Promise<ReferralView> {
    return this.getReferral.execute(principal, id);
  }
}
