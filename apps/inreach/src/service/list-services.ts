import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { Site } from '../site/site.entity';
import { InreachService } from './inreach-service.entity';
import { toServiceView, type ListServicesQuery, type ServiceView } from './service.dto';

/** Most services one list returns. */
export const SERVICE_LIST_LIMIT = 500;

/** The in-reach services the caller's organisation hosts, of one site or all, by name. */
@Injectable()
export class ListServices {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal, query: ListServicesQuery): Promise<ServiceView[]> {
    const manager = this.dataSource.manager;
    const services = await manager.find(InreachService, {
      where: { hostOrgId: principal.orgId, ...(query.siteId ? { siteId: query.siteId } : {}) },
      order: { name: 'ASC', id: 'ASC' },
      take: SERVICE_LIST_LIMIT,
    });
    const siteIds = [...new Set(services.map((s) => s.siteId))];
    const sites =
      siteIds.length === 0
        ? []
        : await manager.findBy(
            Site,
            siteIds.map((siteId) => ({ siteId })),
          );
    const siteById = new Map(sites.map((s) => [s.siteId, s]));
    return services.map((s) => toServiceView(s, siteById.get(s.siteId)!));
  }
}
