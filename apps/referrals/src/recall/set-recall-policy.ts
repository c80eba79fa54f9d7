import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import type { CheckType } from './check-type';
import { loadRecallPolicy } from './load-recall-policy';
import type { CheckPolicyView, SetPolicyBody } from './recall.dto';
import { RecallPolicy } from './recall-policy.entity';

/** Sets whether one check applies in the caller's organisation and how often; audited as a change. */
@Injectable()
export class SetRecallPolicy {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, checkType: CheckType, body: SetPolicyBody): Promise<CheckPolicyView[]> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      await manager.upsert(
        RecallPolicy,
        { orgId: principal.orgId, checkType, ...body, updatedBy: principal.userId, updatedAt: now },
        ['orgId', 'checkType'],
      );
      await this.audit.record(manager, REFERRALS_SCHEMA, {
        actor: principal,
        action: 'update',
        subjectType: 'recall_policy',
        subjectId: checkType,
        correlationId: currentCorrelation()?.correlationId ?? `${principal.orgId}:${checkType}`,
        details: { ...body },
        occurredAt: now,
      });
      return loadRecallPolicy(manager, principal.orgId);
    });
  }
}
