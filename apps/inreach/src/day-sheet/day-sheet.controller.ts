import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, type Principal } from '@careloop/auth';
import { sessionIdParam } from '../session/session.dto';
import { renderDaySheetHtml } from './day-sheet-html';
import { daySheetFormat, daySheetQuery, type DaySheetQuery } from './day-sheet.dto';
import type { DaySheetView } from './day-sheet.view';
import { ReadDaySheet } from './read-day-sheet';

/** A printed sheet may only style itself: no scripts, images, fonts or frames from anywhere. */
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * Not behind the CDAS-only guard: the visiting organisation (a hospital team, a specialist service)
 * reads the day sheets of the sessions it runs. Whether the caller may is decided per session.
 */
@ApiTags('inreach')
@ApiBearerAuth()
@Controller('inreach/sessions')
export class DaySheetController {
  constructor(private readonly readDaySheet: ReadDaySheet) {}

  @Get(':id/day-sheet')
  @ApiProduces('application/json', 'text/html')
  @ApiOperation({
    summary:
      "A session's day sheet (booked clients in time order, walk-ins), for the host CDAS's and the visiting organisation's staff; format=html for a printable page",
  })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: sessionIdParam }) id: string,
    @Query({ schema: daySheetQuery }) query: DaySheetQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<DaySheetView | string> {
    const format = daySheetFormat(query, accept);
    const sheet = await this.readDaySheet.execute(principal, id, format);
    // Clients' personal details: no copy kept by a browser or a proxy.
    res.setHeader('Cache-Control', 'no-store');
    if (format === 'json') return sheet;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', PAGE_POLICY);
    return renderDaySheetHtml(sheet);
  }
}
