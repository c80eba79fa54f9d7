import { Body, Controller, Delete, Get, HttpCode, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { CdasOnlyGuard, WORDING_MANAGERS } from './cdas-only.guard';
import { ListProviderLocations } from './list-provider-locations';
import { providerKeyOf } from './provider-key';
import { RemoveProviderLocation } from './remove-provider-location';
import { SaveProviderLocation } from './save-provider-location';
import {
  providerLocationQuery,
  saveProviderLocationBody,
  type ProviderLocationQuery,
  type ProviderLocationView,
  type SaveProviderLocationBody,
  type SavedProviderLocationView,
} from './wording.dto';

@ApiTags('reminders')
@ApiBearerAuth()
@UseGuards(CdasOnlyGuard)
@Controller('provider-locations')
export class ProviderLocationController {
  constructor(
    private readonly listLocations: ListProviderLocations,
    private readonly saveLocation: SaveProviderLocation,
    private readonly removeLocation: RemoveProviderLocation,
  ) {}

  @Get()
  @Roles(...WORDING_MANAGERS)
  @ApiOperation({
    summary: 'Providers with a location text or upcoming appointments, and what texts say for {where}',
  })
  list(@CurrentPrincipal() principal: Principal): Promise<ProviderLocationView[]> {
    return this.listLocations.execute(principal);
  }

  @Put()
  @Roles(...WORDING_MANAGERS)
  @ApiOperation({
    summary:
      "Set how texts describe a provider's location, by providerName within providerOrgId (left out only " +
      'for appointments without one); refused with 422 if it names the service, or if without ' +
      'providerOrgId it would apply to no upcoming appointment',
  })
  save(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: saveProviderLocationBody }) body: SaveProviderLocationBody,
  ): Promise<SavedProviderLocationView> {
    return this.saveLocation.execute(principal, body);
  }

  @Delete()
  @HttpCode(204)
  @Roles(...WORDING_MANAGERS)
  @ApiOperation({
    summary:
      "Remove a provider's location text (?providerOrgId=&providerName=): texts use the appointment's location again",
  })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: providerLocationQuery }) query: ProviderLocationQuery,
  ): Promise<void> {
    await this.removeLocation.execute(principal, providerKeyOf(query));
  }
}
