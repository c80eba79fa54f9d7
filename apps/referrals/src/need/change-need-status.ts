import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, assertVisibleTo, type Principal } from '@careloop/auth';
import { needStatusChangedV1 } from '@careloop/contracts';
import { runIdempotently, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { changeNeedStatus } from './need-lifecycle';
import { toNeedView, type ChangeNeedStatusBody, type NeedView } from './need.dto';
import { Need } from './need.entity';
import { NeedError } from './need.errors';
import { NeedStatusChange } from './need-status-change.entity';

/**
 * Moves a need along its lifecycle (or reopens it). The row is locked, so two workers changing the
 * same need one after the other each see the other's change; the new status, its history line, the
 * audit entry and `need.status-changed.v1` commit together.
 */
@Injectable()
export class ChangeNeedStatus {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    needId: string,
    body: ChangeNeedStatusBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<NeedView>> {
    return this.dataSource.transaction(async (manager) => {
      const change = async (): Promise<NeedView> => {
        const need = await manager.findOne(Need, {
          where: { id: needId },
          lock: { mode: 'pessimistic_write' },
        });
        assertVisibleTo(
          principal,
          need,
          () => new NeedError('NEED_NOT_FOUND', { detail: `No need ${needId}` }),
        );
        const transition = changeNeedStatus(need.status, body.status);
        if (!transition.ok) {
          const code = transition.reason === 'UNCHANGED' ? 'STATUS_UNCHANGED' : 'ILLEGAL_STATUS_CHANGE';
          throw new NeedError(code, {
            detail: transition.message,
            extensions: { currentStatus: need.status, requestedStatus: body.status },
          });
        }
        const now = this.clock.now();
        const previousStatus = need.status;
        await manager.update(Need, { id: need.id }, { status: transition.to, updatedAt: now });
        await manager.insert(NeedStatusChange, {
          id: randomUUID(),
          needId: need.id,
          orgId: need.orgId,
          fromStatus: previousStatus,
          toStatus: transition.to,
          reason: body.reason,
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
          details: { status: { from: previousStatus, to: transition.to } },
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
            previousStatus,
            status: transition.to,
            reason: body.reason,
            changedBy: principal.userId,
            changedAt: now.toISOString(),
          },
        });
        return toNeedView({ ...need, status: transition.to, updatedAt: now });
      };
      if (!idempotencyKey) return { result: await change(), replayed: false };
      return runIdempotently(
        manager,
        REFERRALS_SCHEMA,
        {
          scope: `${principal.orgId}:${principal.userId}:change-need-status`,
          key: idempotencyKey,
          body: { needId, ...body },
        },
        change,
      );
    });
  }
}
