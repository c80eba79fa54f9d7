import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey } from '@careloop/http';
import { CdasStaffOnlyGuard } from '../access/cdas-staff-only.guard';
import { INREACH_MANAGERS } from '../access/inreach-managers';
import { CreateService } from './create-service';
import { GetService } from './get-service';
import { ListServices } from './list-services';
import {
  createServiceBody,
  listServicesQuery,
  serviceIdParam,
  type CreateServiceBody,
  type ListServicesQuery,
  type ServiceDetailView,
  type ServiceView,
} from './service.dto';

@ApiTags('inreach')
@ApiBearerAuth()
@UseGuards(CdasStaffOnlyGuard)
@Controller('inreach/services')
export class ServiceController {
  constructor(
    private readonly createService: CreateService,
    private readonly listServices: ListServices,
    private readonly getService: GetService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...INREACH_MANAGERS)
  @ApiOperation({ summary: "Set up an in-reach service at one of the caller's CDAS sites" })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: createServiceBody }) body: CreateServiceBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<ServiceView> {
    const { result, replayed } = await this.createService.execute(principal, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }

  @Get()
  @ApiOperation({
    summary: "The in-reach services the caller's organisation hosts, of one site (siteId) or all",
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: listServicesQuery }) query: ListServicesQuery,
  ): Promise<ServiceView[]> {
    return this.listServices.execute(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One in-reach service with its series' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: serviceIdParam }) id: string,
  ): Promise<ServiceDetailView> {
    return this.getService.execute(principal, id);
  }
}
