import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { REFERRAL_STATUSES } from './lifecycle/referral-status';
import type { ListReferralsQuery, ReferralListView } from './referral.dto';
import { Referral } from './referral.entity';
import { referralConditions } from './referral-filters';
import { toReferralView } from './referral-view';

/**
 * The organisation's referrals, filtered, oldest status change first (the longest waiting on top),
 * with the total and per-status counts over the same filters except status. Each referral shown gets
 * an audit entry.
 */
@Injectable()
export class ListReferrals {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, query: ListReferralsQuery): Promise<ReferralListView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const filtered = referralConditions(principal.orgId, query, now);
      const ids: { id: string }[] = await manager.query(
        `SELECT r.id FROM "referrals"."referral" r WHERE ${filtered.where}
          ORDER BY r.status_changed_at ASC, r.id ASC
          LIMIT $${filtered.params.length + 1} OFFSET $${filtered.params.length + 2}`,
        [...filtered.params, query.limit, query.offset],
      );
      const rows = ids.length
        ? await manager.getRepository(Referral).findBy(ids.map(({ id }) => ({ id })))
        : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      const items = ids.map(({ id }) => byId.get(id)!).filter(Boolean);

      const unfiltered = referralConditions(principal.orgId, query, now, { withStatus: false });
      const grouped: { status: string; n: number }[] = await manager.query(
        `SELECT r.status, count(*)::int AS n FROM "referrals"."referral" r WHERE ${unfiltered.where} GROUP BY r.status`,
        unfiltered.params,
      );
      const counts = Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, 0])) as Record<string, number>;
      for (const g of grouped) counts[g.status] = g.n;
      const total = query.status ? (counts[query.status] ?? 0) : grouped.reduce((sum, g) => sum + g.n, 0);

      const correlationId = currentCorrelation()?.correlationId ?? principal.userId;
      await this.audit.recordMany(
        manager,
        REFERRALS_SCHEMA,
        items.map((r) => ({
          actor: principal,
          action: 'search' as const,
          subjectType: 'referral',
          subjectId: r.id,
          clientId: r.clientId,
          correlationId,
        })),
      );
      return { items: items.map((r) => toReferralView(r, now)), total, counts };
    });
  }
}
