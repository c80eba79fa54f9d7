import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Site } from '../organisation/site.entity';
import { toScheduleView, type ListSchedulesQuery, type ScheduleView } from './schedule.dto';
import { Schedule } from './schedule.entity';

/** Most schedules one list returns. */
export const SCHEDULE_LIST_LIMIT = 500;

/** Schedules by organisation, service type and site, for any member of staff: no client data. */
@Injectable()
export class ListSchedules {
  constructor(private readonly dataSource: DataSource) {}

  async execute(query: ListSchedulesQuery): Promise<ScheduleView[]> {
    const qb = this.dataSource
      .getRepository(Schedule)
      .createQueryBuilder('schedule')
      .innerJoinAndMapOne('schedule.site', Site, 'site', 'site.id = schedule.siteId');
    if (query.orgId) qb.andWhere('schedule.orgId = :orgId', { orgId: query.orgId });
    if (query.serviceType)
      qb.andWhere('schedule.serviceType = :serviceType', { serviceType: query.serviceType });
    if (query.siteId) qb.andWhere('schedule.siteId = :siteId', { siteId: query.siteId });
    const rows = (await qb
      .orderBy('schedule.orgId', 'ASC')
      .addOrderBy('site.name', 'ASC')
      .addOrderBy('schedule.name', 'ASC')
      .addOrderBy('schedule.id', 'ASC')
      .limit(SCHEDULE_LIST_LIMIT)
      .getMany()) as (Schedule & { site: Site })[];
    return rows.map((row) => toScheduleView(row, row.site));
  }
}
