import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { CdasStaffOnlyGuard } from '../access/cdas-staff-only.guard';
import { INREACH_MANAGERS } from '../access/inreach-managers';
import { CancelSession } from './cancel-session';
import { ListSessions } from './list-sessions';
import { PublishSession } from './publish-session';
import {
  cancelSessionBody,
  listSessionsQuery,
  sessionIdParam,
  type CancelledSessionView,
  type CancelSessionBody,
  type ListSessionsQuery,
  type SessionView,
} from './session.dto';

@ApiTags('inreach')
@ApiBearerAuth()
@UseGuards(CdasStaffOnlyGuard)
@Controller('inreach/sessions')
export class SessionController {
  constructor(
    private readonly listSessions: ListSessions,
    private readonly publishSession: PublishSession,
    private readonly cancelSession: CancelSession,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Sessions held on London dates from..to (at most 92 days), of one service (serviceId) or all',
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: listSessionsQuery }) query: ListSessionsQuery,
  ): Promise<SessionView[]> {
    return this.listSessions.execute(principal, query);
  }

  /** Publishing is a new fact about the session, hence POST. */
  @Post(':id/publish')
  @HttpCode(200)
  @Roles(...INREACH_MANAGERS)
  @ApiOperation({ summary: 'Publish one planned future session: booking makes its slots' })
  publish(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: sessionIdParam }) id: string,
  ): Promise<SessionView> {
    return this.publishSession.execute(principal, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(...INREACH_MANAGERS)
  @ApiOperation({
    summary:
      'Cancel one future session with a reason; a published one is withdrawn from booking, which moves its booked clients',
  })
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: sessionIdParam }) id: string,
    @Body({ schema: cancelSessionBody }) body: CancelSessionBody,
  ): Promise<CancelledSessionView> {
    return this.cancelSession.execute(principal, id, body);
  }
}
