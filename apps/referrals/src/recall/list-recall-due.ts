import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { ClientDirectory } from '../need/client-directory';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { loadRecallFacts } from './load-recall-facts';
import { loadRecallPolicy } from './load-recall-policy';
import { londonToday } from './recall-due';
import { recallItems, withRegistration } from './recall-items';
import type { DueListQuery, DueListView } from './recall.dto';

/**
 * Who in the caller's organisation is due or overdue a check, most urgent first, a page at a time.
 * Computed in memory from one pass over the organisation's checks (a CDAS has hundreds to a few
 * thousand clients). Each client shown on the page gets an audit entry.
 */
@Injectable()
export class ListRecallDue {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clients: ClientDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, query: DueListQuery): Promise<DueListView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const today = londonToday(now);
      const policy = (await loadRecallPolicy(manager, principal.orgId)).filter(
        (p) => !query.checkType || p.checkType === query.checkType,
      );
      const clients = await this.clients.clients(manager, principal.orgId, {
        keyworkerId: query.keyworkerId,
        siteId: query.siteId,
      });
      const facts = withRegistration(await loadRecallFacts(manager, principal.orgId), clients);
      const due = recallItems(
        clients.map((c) => c.id),
        policy,
        facts,
        today,
        query.withinDays,
      ).filter((i) => i.status !== 'not_due' && (!query.status || i.status === query.status));
      const start = (query.page - 1) * query.pageSize;
      const items = due.slice(start, start + query.pageSize);
      const shown = [...new Set(items.map((i) => i.clientId))];
      const correlationId = currentCorrelation()?.correlationId ?? `recall-due:${principal.orgId}`;
      if (shown.length > 0) {
        await this.audit.recordMany(
          manager,
          REFERRALS_SCHEMA,
          shown.map((clientId) => ({
            actor: principal,
            action: 'search' as const,
            subjectType: 'recall',
            subjectId: clientId,
            clientId,
            correlationId,
            details: { list: 'recall-due', page: query.page },
            occurredAt: now,
          })),
        );
      }
      return {
        today,
        withinDays: query.withinDays,
        page: query.page,
        pageSize: query.pageSize,
        total: due.length,
        items,
      };
    });
  }
}
