import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey } from '@careloop/http';
import { CreateSite } from './create-site';
import { ListSites } from './list-sites';
import {
  createSiteBody,
  listSitesQuery,
  type CreateSiteBody,
  type ListSitesQuery,
  type SiteView,
} from './organisation.dto';
import { SUPPLY_ROLES } from './supply-roles';

@ApiTags('booking')
@ApiBearerAuth()
@Controller('sites')
export class SiteController {
  constructor(
    private readonly createSite: CreateSite,
    private readonly listSites: ListSites,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...SUPPLY_ROLES)
  @ApiOperation({ summary: "Add a site to the caller's registered organisation" })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: createSiteBody }) body: CreateSiteBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<SiteView> {
    const { result, replayed } = await this.createSite.execute(principal, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }

  /** Any signed-in member of staff: where providers see people, no client data. */
  @Get()
  @ApiOperation({ summary: 'Sites of one organisation (orgId) or of all, by organisation and name' })
  list(@Query({ schema: listSitesQuery }) query: ListSitesQuery): Promise<SiteView[]> {
    return this.listSites.execute(query);
  }
}
