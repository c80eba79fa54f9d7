import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, scopeToOrganisation, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { ClientDirectory } from './client-directory';
import { toNeedView, type ListNeedsQuery, type NeedView } from './need.dto';
import { Need } from './need.entity';
import { NeedError } from './need.errors';

/** A client's needs, most recently identified first, optionally only those with one status. Audited. */
@Injectable()
export class ListClientNeeds {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clients: ClientDirectory,
  ) {}

  async execute(principal: Principal, clientId: string, query: ListNeedsQuery): Promise<NeedView[]> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.clients.exists(manager, principal.orgId, clientId))) {
        throw new NeedError('CLIENT_NOT_FOUND', { detail: `No client ${clientId}` });
      }
      const qb = manager.createQueryBuilder(Need, 'n').where('n.clientId = :clientId', { clientId });
      scopeToOrganisation(qb, 'n', principal);
      if (query.status) qb.andWhere('n.status = :status', { status: query.status });
      const needs = await qb.orderBy('n.identifiedAt', 'DESC').addOrderBy('n.id', 'ASC').getMany();
      await this.audit.record(manager, REFERRALS_SCHEMA, {
        actor: principal,
        action: 'search',
        subjectType: 'need',
        subjectId: clientId,
        clientId,
        correlationId: currentCorrelation()?.correlationId ?? clientId,
        details: { status: query.status ?? null, results: needs.length },
      });
      return needs.map((n) => toNeedView(n));
    });
  }
}
