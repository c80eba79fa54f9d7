import { Body, Controller, HttpCode, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import {
  registerOrganisationBody,
  type OrganisationView,
  type RegisterOrganisationBody,
} from './organisation.dto';
import { RegisterOrganisation } from './register-organisation';
import { SUPPLY_ROLES } from './supply-roles';

@ApiTags('booking')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationController {
  constructor(private readonly registerOrganisation: RegisterOrganisation) {}

  @Put('me')
  @HttpCode(200)
  @Roles(...SUPPLY_ROLES)
  @ApiOperation({
    summary: "Register or rename the caller's organisation as a provider (kind from the token)",
  })
  register(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: registerOrganisationBody }) body: RegisterOrganisationBody,
  ): Promise<OrganisationView> {
    return this.registerOrganisation.execute(principal, body);
  }
}
