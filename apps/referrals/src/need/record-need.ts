import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { needRecordedV1 } from '@careloop/contracts';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { auditReplay } from '../access/audit-replay';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { ClientDirectory } from './client-directory';
import { toNeedView, type NeedView, type RecordNeedBody } from './need.dto';
import { Need } from './need.entity';
import { NeedError } from './need.errors';
import { NeedStatusChange } from './need-status-change.entity';

/** Browsers' clocks run a little fast; a time this close to now is taken as now, never stored ahead. */
const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * Records a client's physical-health need as `open`. The need, the first line of its history, its
 * audit entry and `need.recorded.v1` commit together; a retry with the same Idempotency-Key returns
 * the first need.
 */
@Injectable()
export class RecordNeed {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    private readonly clients: ClientDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    clientId: string,
    body: RecordNeedBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<NeedView>> {
    return this.dataSource.transaction(async (manager) => {
      const create = async (): Promise<NeedView> => {
        if (!(await this.clients.exists(manager, principal.orgId, clientId))) {
          throw new NeedError('CLIENT_NOT_FOUND', { detail: `No client ${clientId}` });
        }
        const now = this.clock.now();
        const identifiedAt = this.identifiedAt(body.identifiedAt, now);
        const need = manager.create(Need, {
          id: randomUUID(),
          orgId: principal.orgId,
          clientId,
          category: body.category,
          snomedCode: body.snomedCode ?? null,
          notes: body.notes ?? null,
          status: 'open',
          identifiedAt,
          identifiedBy: body.identifiedBy ?? principal.userId,
          recordedBy: principal.userId,
          recordedAt: now,
          updatedAt: now,
        });
        await manager.insert(Need, need);
        await manager.insert(NeedStatusChange, {
          id: randomUUID(),
          needId: need.id,
          orgId: need.orgId,
          fromStatus: null,
          toStatus: 'open',
          reason: 'Need recorded',
          changedBy: principal.userId,
          changedAt: now,
        });
        await this.audit.record(manager, REFERRALS_SCHEMA, {
          actor: principal,
          action: 'create',
          subjectType: 'need',
          subjectId: need.id,
          clientId,
          correlationId: currentCorrelation()?.correlationId ?? need.id,
          details: { category: need.category, fields: Object.keys(body).sort() },
          occurredAt: now,
        });
        await this.outbox.add(manager, needRecordedV1, {
          subjectId: need.id,
          orgId: need.orgId,
          actor: { kind: 'user', id: principal.userId },
          occurredAt: now,
          data: {
            needId: need.id,
            clientId,
            category: need.category,
            snomedCode: need.snomedCode,
            status: need.status,
            identifiedAt: identifiedAt.toISOString(),
            identifiedBy: need.identifiedBy,
            recordedBy: principal.userId,
          },
        });
        return toNeedView(need);
      };
      return createOnce(
        manager,
        REFERRALS_SCHEMA,
        { caller: principal, operation: 'record-need', key: idempotencyKey, body: { clientId, ...body } },
        create,
        auditReplay(this.audit, manager, principal, 'need'),
      );
    });
  }

  private identifiedAt(given: string | undefined, now: Date): Date {
    if (given === undefined) return now;
    const at = new Date(given);
    if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw new NeedError('IDENTIFIED_IN_FUTURE', {
        detail: `identifiedAt ${given} is later than now (${now.toISOString()})`,
        extensions: { errors: [{ path: 'identifiedAt', message: 'must not be in the future', in: 'body' }] },
      });
    }
    return at.getTime() > now.getTime() ? now : at;
  }
}
