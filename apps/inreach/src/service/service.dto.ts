import { z } from 'zod';
import type { SeriesSettings } from '../series/series-settings';
import type { Site } from '../site/site.entity';
import type { InreachService } from './inreach-service.entity';

export const serviceIdParam = z.uuid();

export const createServiceBody = z
  .object({
    /** One of the caller's CDAS sites, as booking registered it. */
    siteId: z.uuid(),
    /** What staff call it: "Hepatitis C treatment". */
    name: z.string().trim().min(1).max(200),
    /** The booking service type its slots carry, as searches use it: "hepatitis_c", "respiratory". */
    serviceType: z.string().trim().min(1).max(100),
    /** The visiting organisation, as staff know it: "St Elsewhere Hepatology". */
    providerName: z.string().trim().min(1).max(200),
    /** Its organisation id, when it has one on the platform. */
    providerOrgId: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type CreateServiceBody = z.output<typeof createServiceBody>;

export const listServicesQuery = z.object({ siteId: z.uuid().optional() }).strict();
export type ListServicesQuery = z.output<typeof listServicesQuery>;

export interface ServiceView {
  id: string;
  hostOrgId: string;
  siteId: string;
  siteName: string;
  name: string;
  serviceType: string;
  providerName: string;
  providerOrgId: string | null;
  createdAt: string;
}

/** A series as the service shows it: when it recurs, where, and whether it is published. */
export interface ServiceSeriesSummary extends Pick<
  SeriesSettings,
  'roomId' | 'rrule' | 'startTime' | 'endTime' | 'validFrom' | 'validUntil'
> {
  id: string;
  published: boolean;
}

export interface ServiceDetailView extends ServiceView {
  series: ServiceSeriesSummary[];
}

export function toServiceView(service: InreachService, site: Pick<Site, 'name'>): ServiceView {
  return {
    id: service.id,
    hostOrgId: service.hostOrgId,
    siteId: service.siteId,
    siteName: site.name,
    name: service.name,
    serviceType: service.serviceType,
    providerName: service.providerName,
    providerOrgId: service.providerOrgId,
    createdAt: service.createdAt.toISOString(),
  };
}
