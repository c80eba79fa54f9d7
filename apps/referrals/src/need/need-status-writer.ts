import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { needStatusChangedV1, type NeedStatus } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { currentCorrelation } from '@careloop/observability';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { Need } from './need.entity';
import { NeedStatusChange } from './need-status-change.entity';

/**
 * Writes a need's move to a new status in the caller's transaction: the status, its history line, the
 * audit entry and `need.status-changed.v1`. The lifecycle rule has been applied by the caller (a
 * worker changing the status, or a referral being made for the need).
 */
@Injectable()
export class NeedStatusWriter {
  constructor(
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  async write(
    manager: EntityManager,
    principal: Principal,
    need: Need,
    to: NeedStatus,
    reason: string,
    now: Date,
  ): Promise<Need> {
    const from = need.status;
    await manager.update(Need, { id: need.id }, { status: to, updatedAt: now });
    await manager.insert(NeedStatusChange, {
      id: randomUUID(),
      needId: need.id,
      orgId: need.orgId,
      fromStatus: from,
      toStatus: to,
      reason,
      changedBy: principal.userId,
      changedAt: now,
    });
    await this.audit.record(manager, REFERRALS_SCHEMA, {
      actor: principal,
      action: 'update',
      subjectType: 'need',
      subjectId: need.id,
      clientId: need.clientId,
      correlationId: currentCorrelation()?.correlationId ?? need.id,
      details: { status: { from, to } },
      occurredAt: now,
    });
    await this.outbox.add(manager, needStatusChangedV1, {
      subjectId: need.id,
      orgId: need.orgId,
      actor: { kind: 'user', id: principal.userId },
      occurredAt: now,
      data: {
        needId: need.id,
        clientId: need.clientId,
        category: need.category,
        previousStatus: from,
        status: to,
        reason,
        changedBy: principal.userId,
        changedAt: now.toISOString(),
      },
    });
    return { ...need, status: to, updatedAt: now };
  }
}
