import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { taskCountsQuery, taskListConditions, taskListOrder } from './task-filters';
import { clientNames, findTasks } from './task-records';
import type { ListTasksQuery, TaskListView } from './task.dto';
import { toTaskView } from './task-view';

/**
 * A worklist (mine, my team's, overdue), filtered and paged, with the open counts of all three in the
 * same answer. Each task shown gets an audit entry, as in the referral list.
 */
@Injectable()
export class ListTasks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(principal: Principal, query: ListTasksQuery): Promise<TaskListView> {
    // One snapshot, so the page, its total and the counts agree.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const now = this.clock.now();
      const listed = taskListConditions(principal, query, now);
      const n = listed.params.length;
      const page: { id: string; total: number }[] = await manager.query(
        `SELECT t.id::text AS id, count(*) OVER ()::int AS total FROM "referrals"."task" t WHERE ${listed.where}
          ORDER BY ${taskListOrder(query)} LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...listed.params, query.limit, query.offset],
      );
      const tasks = await findTasks(
        manager,
        page.map((r) => r.id),
      );
      const total = page[0]?.total ?? (query.offset > 0 ? await this.count(manager, listed) : 0);
      const counted = taskCountsQuery(principal, query, now);
      const [counts] = (await manager.query(counted.sql, counted.params)) as TaskListView['counts'][];
      const names = await clientNames(
        manager,
        principal.orgId,
        tasks.map((t) => t.clientId),
      );
      const correlationId = currentCorrelation()?.correlationId ?? principal.userId;
      await this.audit.recordMany(
        manager,
        REFERRALS_SCHEMA,
        tasks.map((t) => ({
          actor: principal,
          action: 'search' as const,
          subjectType: 'task',
          subjectId: t.id,
          clientId: t.clientId,
          correlationId,
          details: { view: query.view },
        })),
      );
      return {
        items: tasks.map((t) => toTaskView(t, names.get(t.clientId) ?? '', now)),
        total,
        limit: query.limit,
        offset: query.offset,
        counts: counts ?? { mine: 0, team: 0, overdue: 0 },
      };
    });
  }

  /** The total when the page is past the end (no row to carry it). */
  private async count(manager: EntityManager, listed: { where: string; params: unknown[] }): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS n FROM "referrals"."task" t WHERE ${listed.where}`,
      listed.params,
    )) as { n: number }[];
    return row?.n ?? 0;
  }
}
