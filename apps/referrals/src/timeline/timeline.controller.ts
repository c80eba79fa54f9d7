import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { CDAS_READERS, CdasStaffGuard } from '../access/cdas-staff.guard';
import { GetClientTimeline } from './get-client-timeline';
import { clientIdParam, timelineQuery, type TimelineQuery, type TimelineView } from './timeline.dto';

@ApiTags('timeline')
@ApiBearerAuth()
@UseGuards(CdasStaffGuard)
@Controller()
export class TimelineController {
  constructor(private readonly getTimeline: GetClientTimeline) {}

  @Get('clients/:clientId/timeline')
  @Roles(...CDAS_READERS)
  async timeline(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
    @Query({ schema: timelineQuery }) query: TimelineQuery,
  ): Promise<TimelineView> {
    return this.getTimeline.execute(principal, clientId, query);
  }
}
