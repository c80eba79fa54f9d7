import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, scopeToOrganisation, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { ClientDirectory } from '../need/client-directory';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { AdvocacyAction } from './advocacy-action.entity';
import { toAdvocacyActionView, type AdvocacyActionPage, type ListAdvocacyActionsQuery } from './advocacy.dto';
import { AdvocacyError } from './advocacy.errors';

/** A client's advocacy log, newest first (then last recorded first), a page at a time. Audited. */
@Injectable()
export class ListAdvocacyActions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clients: ClientDirectory,
  ) {}

  async execute(
    principal: Principal,
    clientId: string,
    query: ListAdvocacyActionsQuery,
  ): Promise<AdvocacyActionPage> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.clients.exists(manager, principal.orgId, clientId))) {
        throw new AdvocacyError('CLIENT_NOT_FOUND', { detail: `No client ${clientId}` });
      }
      const qb = manager
        .createQueryBuilder(AdvocacyAction, 'a')
        .where('a.clientId = :clientId', { clientId });
      scopeToOrganisation(qb, 'a', principal);
      const [actions, total] = await qb
        .orderBy('a.occurredAt', 'DESC')
        .addOrderBy('a.recordedAt', 'DESC')
        .addOrderBy('a.id', 'DESC')
        .take(query.limit)
        .skip(query.offset)
        .getManyAndCount();
      await this.audit.record(manager, REFERRALS_SCHEMA, {
        actor: principal,
        action: 'search',
        subjectType: 'advocacy_action',
        subjectId: clientId,
        clientId,
        correlationId: currentCorrelation()?.correlationId ?? clientId,
        details: { limit: query.limit, offset: query.offset, results: actions.length },
      });
      return { items: actions.map(toAdvocacyActionView), total, limit: query.limit, offset: query.offset };
    });
  }
}
