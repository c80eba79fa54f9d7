import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { ClientDirectory } from '../need/client-directory';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { TIMELINE_SOURCES_TOKEN } from './sources';
import { mergeTimeline } from './timeline-cursor';
import type { TimelineSource } from './timeline-source';
import { NOT_YET_AVAILABLE, type TimelineQuery, type TimelineView } from './timeline.dto';
import { TimelineError } from './timeline.errors';

/**
 * One page of a client's timeline, newest first: every source asked for `limit + 1` entries after the
 * cursor, merged and cut to `limit`. One snapshot (a repeatable-read transaction) and one audit entry.
 */
@Injectable()
export class GetClientTimeline {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clients: ClientDirectory,
    @Inject(TIMELINE_SOURCES_TOKEN) private readonly sources: readonly TimelineSource[],
  ) {}

  async execute(principal: Principal, clientId: string, query: TimelineQuery): Promise<TimelineView> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      if (!(await this.clients.exists(manager, principal.orgId, clientId))) {
        throw new TimelineError('CLIENT_NOT_FOUND', { detail: `No client ${clientId}` });
      }
      const before = query.before ?? null;
      const window = { orgId: principal.orgId, clientId, before, limit: query.limit + 1 };
      // One connection: the queries run one after another, each small and indexed by client.
      const perSource = [];
      for (const source of this.sources) perSource.push(await source.entries(manager, window));
      const page = mergeTimeline(perSource, before, query.limit);
      await this.audit.record(manager, REFERRALS_SCHEMA, {
        actor: principal,
        action: 'read',
        subjectType: 'client_timeline',
        subjectId: clientId,
        clientId,
        correlationId: currentCorrelation()?.correlationId ?? clientId,
        details: {
          before: before ? before.at.toISOString() : null,
          limit: query.limit,
          entries: page.entries.length,
        },
      });
      return { clientId, ...page, notYetAvailable: NOT_YET_AVAILABLE };
    });
  }
}
