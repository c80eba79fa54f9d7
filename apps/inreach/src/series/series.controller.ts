import { Body, Controller, Get, HttpCode, Param, Patch, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey } from '@careloop/http';
import { CdasStaffOnlyGuard } from '../access/cdas-staff-only.guard';
import { INREACH_MANAGERS } from '../access/inreach-managers';
import { serviceIdParam } from '../service/service.dto';
import { AddSeriesException } from './add-series-exception';
import { CreateSeries } from './create-series';
import { EditSeries } from './edit-series';
import { GetSeries } from './get-series';
import { PublishSeries } from './publish-series';
import {
  addExceptionBody,
  createSeriesBody,
  editSeriesBody,
  seriesIdParam,
  type AddExceptionBody,
  type CreatedSeriesView,
  type CreateSeriesBody,
  type EditedSeriesView,
  type EditSeriesBody,
  type ExceptionAddedView,
  type PublishedSeriesView,
  type SeriesView,
} from './series.dto';

@ApiTags('inreach')
@ApiBearerAuth()
@UseGuards(CdasStaffOnlyGuard)
@Controller('inreach')
export class SeriesController {
  constructor(
    private readonly createSeries: CreateSeries,
    private readonly getSeries: GetSeries,
    private readonly editSeries: EditSeries,
    private readonly addException: AddSeriesException,
    private readonly publishSeries: PublishSeries,
  ) {}

  @Post('services/:id/series')
  @HttpCode(201)
  @Roles(...INREACH_MANAGERS)
  @ApiOperation({
    summary:
      'Add a recurring session (RRULE subset, London time) in a room at the service’s site and make its sessions up to the horizon (planned)',
    description:
      '409 ROOM_TAKEN lists the dates another session holds the room (checked a year ahead); nothing is saved. ' +
      'A slot length that does not divide the session leaves its last, shorter part unbookable.',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: serviceIdParam }) serviceId: string,
    @Body({ schema: createSeriesBody }) body: CreateSeriesBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<CreatedSeriesView> {
    const { result, replayed } = await this.createSeries.execute(principal, serviceId, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }

  @Get('series/:id')
  @ApiOperation({ summary: 'One series with its exceptions' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: seriesIdParam }) id: string,
  ): Promise<SeriesView> {
    return this.getSeries.execute(principal, id);
  }

  @Patch('series/:id')
  @Roles(...INREACH_MANAGERS)
  @ApiOperation({
    summary: 'Change a series from effectiveFrom (default today); earlier and started sessions never change',
    description:
      'Published sessions the edit would change or remove: 409 PUBLISHED_SESSIONS_AFFECTED listing them, ' +
      'unless withdrawPublished is true (then they are withdrawn from booking and replaced).',
  })
  edit(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: seriesIdParam }) id: string,
    @Body({ schema: editSeriesBody }) body: EditSeriesBody,
  ): Promise<EditedSeriesView> {
    return this.editSeries.execute(principal, id, body);
  }

  @Post('series/:id/exceptions')
  @HttpCode(201)
  @Roles(...INREACH_MANAGERS)
  @ApiOperation({
    summary:
      'Record a date the series holds no session: its session that day is cancelled (withdrawn if published)',
  })
  async except(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: seriesIdParam }) id: string,
    @Body({ schema: addExceptionBody }) body: AddExceptionBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<ExceptionAddedView> {
    const { result, replayed } = await this.addException.execute(principal, id, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }

  /** Publishing is a new fact about the series, hence POST. */
  @Post('series/:id/publish')
  @HttpCode(200)
  @Roles(...INREACH_MANAGERS)
  @ApiOperation({
    summary:
      'Publish a series: its planned future sessions now, later ones as they are made; booking makes their slots',
  })
  publish(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: seriesIdParam }) id: string,
  ): Promise<PublishedSeriesView> {
    return this.publishSeries.execute(principal, id);
  }
}
