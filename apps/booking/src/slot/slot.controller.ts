import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey } from '@careloop/http';
import { PublishSlots } from './publish-slots';
import { SearchFreeSlots } from './search-free-slots';
import {
  publishSlotsBody,
  searchSlotsQuery,
  type PublishedSlotsView,
  type PublishSlotsBody,
  type SearchSlotsQuery,
  type SlotView,
} from './slot.dto';

/** Who publishes slots: a GP practice's or hospital's clinic admin, or CDAS staff for in-house clinics. */
export const SLOT_PUBLISHERS = ['clinic_admin', 'admin', 'inreach_coordinator'] as const;

@ApiTags('booking')
@ApiBearerAuth()
@Controller('slots')
export class SlotController {
  constructor(
    private readonly publishSlots: PublishSlots,
    private readonly searchSlots: SearchFreeSlots,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...SLOT_PUBLISHERS)
  @ApiOperation({ summary: "Publish up to 500 future slots for the caller's organisation, all or none" })
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

  /** Any signed-in member of staff of any organisation: slots carry no client data. */
  @Get()
  @ApiOperation({ summary: 'Future slots with a free seat, by service type and date range, soonest first' })
  search(@Query({ schema: searchSlotsQuery }) query: SearchSlotsQuery): Promise<SlotView[]> {
    return this.searchSlots.execute(query);
  }
}
