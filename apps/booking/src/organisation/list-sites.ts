import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { toSiteView, type ListSitesQuery, type SiteView } from './organisation.dto';
import { Site } from './site.entity';

/** Most sites one list returns. */
export const SITE_LIST_LIMIT = 500;

/** Sites of one organisation or of all, by organisation and name: where slots are offered, no client data. */
@Injectable()
export class ListSites {
  constructor(private readonly dataSource: DataSource) {}

  async execute(query: ListSitesQuery): Promise<SiteView[]> {
    const sites = await this.dataSource.getRepository(Site).find({
      where: query.orgId ? { orgId: query.orgId } : {},
      order: { orgId: 'ASC', name: 'ASC', id: 'ASC' },
      take: SITE_LIST_LIMIT,
    });
    return sites.map(toSiteView);
  }
}
