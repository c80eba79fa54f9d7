import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, type Principal } from '@careloop/auth';
import { CdasStaffOnlyGuard } from '../access/cdas-staff-only.guard';
import { serviceIdParam } from '../service/service.dto';
import { ReadWaitingList } from './read-waiting-list';
import { waitingListQuery, type WaitingListQuery, type WaitingListView } from './waiting-list.dto';

/** Any of the host CDAS's staff: keyworkers see where their clients stand. */
@ApiTags('inreach')
@ApiBearerAuth()
@UseGuards(CdasStaffOnlyGuard)
@Controller('inreach/services')
export class WaitingListController {
  constructor(private readonly readWaitingList: ReadWaitingList) {}

  @Get(':id/waiting-list')
  @ApiOperation({
    summary:
      "The clients waiting for one of the organisation's in-reach services, in the order they would be offered a seat, with why; limit/offset",
  })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: serviceIdParam }) id: string,
    @Query({ schema: waitingListQuery }) query: WaitingListQuery,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<WaitingListView> {
    const list = await this.readWaitingList.execute(principal, id, query);
    // Clients' names: no copy kept by a browser or a proxy.
    res.setHeader('Cache-Control', 'no-store');
    return list;
  }
}
