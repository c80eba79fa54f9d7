import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@careloop/auth';
import { SearchFreeSlots } from './search-free-slots';
import { searchSlotsQuery, type SearchSlotsQuery, type SlotSearchView } from './slot-search.dto';

@ApiTags('booking')
@ApiBearerAuth()
@Controller('slots')
export class SlotSearchController {
  constructor(private readonly searchSlots: SearchFreeSlots) {}

  /**
   * Any signed-in member of staff: slots carry no client data. Ranking for a client needs a client of
   * the caller's own organisation (404 CLIENT_NOT_FOUND otherwise) and is audited as a read of it.
   */
  @Get()
  @ApiOperation({
    summary:
      'Free open slots the caller may book (reservations for its organisation included), by service, provider, site, schedule and date range; ranked for a client when clientId is given',
  })
  search(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: searchSlotsQuery }) query: SearchSlotsQuery,
  ): Promise<SlotSearchView> {
    return this.searchSlots.execute(principal, query);
  }
}
