import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey } from '@careloop/http';
import { CdasStaffGuard, CDAS_READERS, CDAS_WRITERS } from '../access/cdas-staff.guard';
import type { ClientSearchResult, ClientView } from './client-view';
import {
  clientIdParam,
  registerClientBody,
  updateClientBody,
  type RegisterClientBody,
  type UpdateClientBody,
} from './client.dto';
import { GetClient } from './get-client';
import { RegisterClient } from './register-client';
import { SearchClients } from './search-clients';
import { searchClientsQuery, type SearchClientsQuery } from './search-clients.dto';
import { UpdateClient } from './update-client';

@ApiTags('clients')
@ApiBearerAuth()
@UseGuards(CdasStaffGuard)
@Controller('clients')
export class ClientsController {
  constructor(
    private readonly registerClient: RegisterClient,
    private readonly updateClient: UpdateClient,
    private readonly getClient: GetClient,
    private readonly searchClients: SearchClients,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...CDAS_WRITERS)
  @ApiOperation({
    summary: 'Register a client of your CDAS',
    description:
      'Creates the client at version 1 and publishes client.registered.v1. Send an Idempotency-Key to make retries safe. ' +
      'An NHS number already recorded for another client of your organisation is refused with 409 CLIENT_NHS_NUMBER_IN_USE.',
  })
  async register(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: registerClientBody }) body: RegisterClientBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<ClientView> {
    const { result, replayed } = await this.registerClient.execute(principal, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.setHeader('Location', `/clients/${result.id}`);
    return result;
  }

  @Get()
  @Roles(...CDAS_READERS)
  @ApiOperation({
    summary: 'Search clients of your CDAS',
    description:
      'name: every word must appear in the given, family or preferred name (any case); nhsNumber and dateOfBirth are exact. ' +
      'At least one criterion; limit (1-100, default 20) and offset page through; total counts every match.',
  })
  search(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: searchClientsQuery }) query: SearchClientsQuery,
  ): Promise<ClientSearchResult> {
    return this.searchClients.execute(principal, query);
  }

  @Get(':clientId')
  @Roles(...CDAS_READERS)
  @ApiOperation({ summary: 'Read a client with contacts and current consent' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
  ): Promise<ClientView> {
    return this.getClient.execute(principal, clientId);
  }

  @Patch(':clientId')
  @Roles(...CDAS_WRITERS)
  @ApiOperation({
    summary: "Change a client's record",
    description:
      'Optimistic locking: the body must carry `version`, the version you read. If the client changed since, the update ' +
      'is refused with 409 CLIENT_VERSION_CONFLICT and nothing changes; read it again and reapply. Send only the fields ' +
      'to change; null clears preferredName, nhsNumber or gpPracticeOds; flags and attendancePattern replace the whole value.',
  })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
    @Body({ schema: updateClientBody }) body: UpdateClientBody,
  ): Promise<ClientView> {
    return this.updateClient.execute(principal, clientId, body);
  }
}
