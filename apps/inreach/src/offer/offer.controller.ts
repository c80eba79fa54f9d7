import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, type Principal } from '@careloop/auth';
import { CdasStaffOnlyGuard } from '../access/cdas-staff-only.guard';
import { ListOffers } from './list-offers';
import { listOffersQuery, type ListOffersQuery, type OfferListView } from './offer.dto';

/** Any of the host CDAS's staff: keyworkers follow their clients' offers up. */
@ApiTags('inreach')
@ApiBearerAuth()
@UseGuards(CdasStaffOnlyGuard)
@Controller('inreach/offers')
export class OfferController {
  constructor(private readonly listOffers: ListOffers) {}

  @Get()
  @ApiOperation({
    summary:
      "Seats offered to the organisation's waiting clients, newest first: filter by status, keyworkerId (or me) and serviceId; limit/offset",
  })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: listOffersQuery }) query: ListOffersQuery,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<OfferListView> {
    const offers = await this.listOffers.execute(principal, query);
    // Clients' names: no copy kept by a browser or a proxy.
    res.setHeader('Cache-Control', 'no-store');
    return offers;
  }
}
