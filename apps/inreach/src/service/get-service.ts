import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { SessionSeries } from '../series/session-series.entity';
import { Site } from '../site/site.entity';
import { loadOwnService } from './load-service';
import { toServiceView, type ServiceDetailView } from './service.dto';

/** One of the caller's organisation's in-reach services with its series, oldest first. */
@Injectable()
export class GetService {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal, id: string): Promise<ServiceDetailView> {
    const manager = this.dataSource.manager;
    const service = await loadOwnService(manager, principal, id);
    const site = await manager.findOneByOrFail(Site, { siteId: service.siteId });
    const series = await manager.find(SessionSeries, {
      where: { serviceId: service.id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return {
      ...toServiceView(service, site),
      series: series.map((s) => ({
        id: s.id,
        roomId: s.roomId,
        rrule: s.rrule,
        startTime: s.startTime,
        endTime: s.endTime,
        validFrom: s.validFrom,
        validUntil: s.validUntil,
        published: s.published,
      })),
    };
  }
}
