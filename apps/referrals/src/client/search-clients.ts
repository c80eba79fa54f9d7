import { Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { AuditTrail, scopeToOrganisation, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { toClientSummary, type ClientSearchResult } from './client-view';
import { Client } from './client.entity';
import { nameSearchPatterns, type SearchClientsQuery } from './search-clients.dto';

/**
 * Finds clients of the caller's organisation by name (every word, anywhere in given, family or
 * preferred name, any case), NHS number and date of birth, a page at a time with the total. Each
 * client returned gets an audit entry: a search result is a look at the client.
 */
@Injectable()
export class SearchClients {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async execute(principal: Principal, query: SearchClientsQuery): Promise<ClientSearchResult> {
    return this.dataSource.transaction(async (manager) => {
      const qb = scopeToOrganisation(manager.getRepository(Client).createQueryBuilder('c'), 'c', principal);
      nameSearchPatterns(query.name ?? '').forEach((pattern, i) => {
        qb.andWhere(
          new Brackets((or) =>
            or
              .where(`c.givenName ILIKE :name${i}`)
              .orWhere(`c.familyName ILIKE :name${i}`)
              .orWhere(`c.preferredName ILIKE :name${i}`),
          ),
          { [`name${i}`]: pattern },
        );
      });
      if (query.nhsNumber !== undefined)
        qb.andWhere('c.nhsNumber = :nhsNumber', { nhsNumber: query.nhsNumber });
      if (query.dateOfBirth !== undefined) {
        qb.andWhere('c.dateOfBirth = :dateOfBirth', { dateOfBirth: query.dateOfBirth });
      }
      const [clients, total] = await qb
        .orderBy('lower(c.family_name)', 'ASC')
        .addOrderBy('lower(c.given_name)', 'ASC')
        .addOrderBy('c.id', 'ASC')
        .offset(query.offset)
        .limit(query.limit)
        .getManyAndCount();

      const correlationId = currentCorrelation()?.correlationId ?? principal.userId;
      const criteria = (['name', 'nhsNumber', 'dateOfBirth'] as const).filter((k) => query[k] !== undefined);
      await this.audit.recordMany(
        manager,
        REFERRALS_SCHEMA,
        clients.map((client) => ({
          actor: principal,
          action: 'search' as const,
          subjectType: 'client',
          subjectId: client.id,
          clientId: client.id,
          correlationId,
          details: { criteria },
        })),
      );
      return { items: clients.map(toClientSummary), total, limit: query.limit, offset: query.offset };
    });
  }
}
