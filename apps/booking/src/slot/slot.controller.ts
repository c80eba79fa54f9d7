import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey } from '@careloop/http';
import { SUPPLY_ROLES } from '../organisation/supply-roles';
import { PublishSlots } from './publish-slots';
import {
  publishSlotsBody,
  withdrawSlotsBody,
  type PublishedSlotsView,
  type PublishSlotsBody,
  type WithdrawnSlotsView,
  type WithdrawSlotsBody,
} from './slot.dto';
import { WithdrawSlots } from './withdraw-slots';

/** Who publishes and withdraws slots: the provider's supply roles, for its own schedules. */
export const SLOT_PUBLISHERS = SUPPLY_ROLES;

@ApiTags('booking')
@ApiBearerAuth()
@Controller('slots')
export class SlotController {
  constructor(
    private readonly publishSlots: PublishSlots,
    private readonly withdrawSlots: WithdrawSlots,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...SLOT_PUBLISHERS)
  @ApiOperation({ summary: "Publish up to 500 future slots on one of the caller's schedules, all or none" })
  async publish(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: publishSlotsBody }) body: PublishSlotsBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<PublishedSlotsView> {
    const { result, replayed } = await this.publishSlots.execute(principal, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }

  /** A withdrawal is a new fact about the slots, hence POST; 409 SLOTS_TAKEN names slots with a seat taken. */
  @Post('withdrawal')
  @HttpCode(200)
  @Roles(...SLOT_PUBLISHERS)
  @ApiOperation({ summary: 'Withdraw free future slots of the caller, all or none' })
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: withdrawSlotsBody }) body: WithdrawSlotsBody,
  ): Promise<WithdrawnSlotsView> {
    return this.withdrawSlots.execute(principal, body);
  }
}
