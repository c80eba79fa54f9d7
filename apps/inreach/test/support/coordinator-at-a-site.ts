import { randomUUID } from 'node:crypto';
import type { DynamicModule, Type } from '@nestjs/common';
import type { Principal } from '@careloop/auth';
import type { Clock } from '@careloop/time';
import { RoomModule } from '../../src/room/room.module';
import { SeriesModule } from '../../src/series/series.module';
import { ServiceModule } from '../../src/service/service.module';
import { SessionModule } from '../../src/session/session.module';
import { aCdasOrgId, aCoordinator, aKnownSite, aServiceBody, aWeeklySeriesBody } from './inreach-fixtures';
import { useInreachOverHttp, type HttpAnswer, type InreachOverHttp } from './inreach-over-http';

/** The routes a coordinator sets clinics up with: services, rooms, series and sessions. */
export const CLINIC_ROUTES = [ServiceModule, RoomModule, SeriesModule, SessionModule];

export interface CoordinatorAtASite {
  readonly api: InreachOverHttp;
  /** The spec's own CDAS. */
  readonly orgId: string;
  /** A coordinator of that CDAS. */
  readonly coordinator: Principal;
  /** The CDAS's site, in in-reach's projection before the spec's tests run. */
  readonly siteId: string;
  /** A service and a room of their own, so tests never share a room's times. */
  aServiceWithRoom(): Promise<{ serviceId: string; roomId: string }>;
  /** A weekly series (aWeeklySeriesBody with `overrides`) of a service in a room of their own. */
  aSeries(overrides?: Record<string, unknown>): Promise<{
    serviceId: string;
    roomId: string;
    seriesId: string;
    created: HttpAnswer<Record<string, unknown>>;
  }>;
}

/**
 * In-reach's clinic routes over HTTP (useInreachOverHttp) and a coordinator of a CDAS of the spec's
 * own whose site in-reach already knows. Call it in the describe block before the spec's beforeAll.
 */
export function useCoordinatorAtASite(options: {
  /** The spec's own database on the Postgres server; without one, embedded PGlite in memory. */
  database?: string;
  clock: Clock;
  /** The site's name (a unique one by default). */
  siteName?: string;
  /** More of in-reach's modules to mount beside the clinic routes (the day sheet, walk-ins...). */
  modules?: (Type | DynamicModule)[];
}): CoordinatorAtASite {
  const api = useInreachOverHttp({
    database: options.database,
    modules: [...CLINIC_ROUTES, ...(options.modules ?? [])],
    clock: options.clock,
  });
  const orgId = aCdasOrgId();
  const coordinator = aCoordinator(orgId);
  let siteId: string | undefined;

  beforeAll(async () => {
    const site = await aKnownSite(api.dataSource, {
      orgId,
      ...(options.siteName ? { name: options.siteName } : {}),
    });
    siteId = site.siteId;
  });

  const knownSite = () => {
    if (!siteId) throw new Error('The site was not put into in-reach (see the beforeAll failure)');
    return siteId;
  };

  async function aServiceWithRoom() {
    const name = `Clinic ${randomUUID().slice(0, 8)}`;
    const site = knownSite();
    const service = await api.call(coordinator, 'POST', '/inreach/services', aServiceBody(site, { name }));
    const room = await api.call(coordinator, 'POST', '/inreach/rooms', {
      siteId: site,
      name: `Room for ${name}`,
    });
    return { serviceId: service.body['id'] as string, roomId: room.body['id'] as string };
  }

  return {
    api,
    orgId,
    coordinator,
    get siteId() {
      return knownSite();
    },
    aServiceWithRoom,
    async aSeries(overrides = {}) {
      const { serviceId, roomId } = await aServiceWithRoom();
      const created = await api.call(
        coordinator,
        'POST',
        `/inreach/services/${serviceId}/series`,
        aWeeklySeriesBody(roomId, overrides),
      );
      if (created.status !== 201)
        throw new Error(`Creating the series answered ${created.status}: ${JSON.stringify(created.body)}`);
      const series = created.body['series'] as { id: string };
      return { serviceId, roomId, seriesId: series.id, created };
    },
  };
}
