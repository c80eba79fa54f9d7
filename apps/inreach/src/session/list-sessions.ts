import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { InreachService } from '../service/inreach-service.entity';
import { Session } from './session.entity';
import { toSessionView, type ListSessionsQuery, type SessionView } from './session.dto';

/** Most sessions one list returns (a quarter of daily sessions in a dozen rooms). */
export const SESSION_LIST_LIMIT = 2000;

/**
 * The sessions of the caller's organisation's services (or of one) held on London dates from..to, by
 * start, cancelled ones included so the reason shows. Another organisation's service lists nothing.
 */
@Injectable()
export class ListSessions {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal, query: ListSessionsQuery): Promise<SessionView[]> {
    const qb = this.dataSource.manager
      .getRepository(Session)
      .createQueryBuilder('session')
      .innerJoin(InreachService, 'service', 'service.id = session.serviceId AND service.hostOrgId = :orgId', {
        orgId: principal.orgId,
      })
      .where('session.sessionDate BETWEEN :from AND :to', { from: query.from, to: query.to })
      .orderBy('session.startsAt', 'ASC')
      .addOrderBy('session.id', 'ASC')
      .take(SESSION_LIST_LIMIT);
    if (query.serviceId) qb.andWhere('session.serviceId = :serviceId', { serviceId: query.serviceId });
    return (await qb.getMany()).map(toSessionView);
  }
}
