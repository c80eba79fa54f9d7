import { Body, Controller, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, type Principal } from '@careloop/auth';
import { IdempotencyKey } from '@careloop/http';
import { CdasStaffOnlyGuard } from '../access/cdas-staff-only.guard';
import { sessionIdParam } from '../session/session.dto';
import { RecordWalkIn } from './record-walk-in';
import { recordWalkInBody, type RecordWalkInBody, type WalkInView } from './walk-in.dto';

/**
 * Walk-ins are recorded by the host CDAS's staff (any role: whoever sends the client through from the
 * front desk or dispensing); the day sheet lists them.
 */
@ApiTags('inreach')
@ApiBearerAuth()
@UseGuards(CdasStaffOnlyGuard)
@Controller('inreach/sessions')
export class WalkInController {
  constructor(private readonly recordWalkIn: RecordWalkIn) {}

  @Post(':id/walk-ins')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Record a client of the host CDAS seen at the session without a booking (on its day, or within a day of its end)',
  })
  async record(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: sessionIdParam }) id: string,
    @Body({ schema: recordWalkInBody }) body: RecordWalkInBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<WalkInView> {
    const { result, replayed } = await this.recordWalkIn.execute(principal, id, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }
}
