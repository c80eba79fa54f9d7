import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { runIdempotently, type IdempotentOutcome } from '@careloop/http';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { auditReplay } from '../access/audit-replay';
import { ClientDirectory } from '../need/client-directory';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { londonToday } from './recall-due';
import { toCheckView, type RecallCheckView, type RecordCheckBody } from './recall.dto';
import { RecallCheck } from './recall-check.entity';
import { RecallError } from './recall.errors';

/** Records that a recalled check was done for a client, with its audit entry, at most once per key. */
@Injectable()
export class RecordCheck {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clients: ClientDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    clientId: string,
    body: RecordCheckBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<RecallCheckView>> {
    return this.dataSource.transaction(async (manager) => {
      const create = async (): Promise<RecallCheckView> => {
        if (!(await this.clients.exists(manager, principal.orgId, clientId))) {
          throw new RecallError('CLIENT_NOT_FOUND', { detail: `No client ${clientId}` });
        }
        const now = this.clock.now();
        const today = londonToday(now);
        if (body.doneOn > today) {
          throw new RecallError('CHECK_DONE_IN_FUTURE', {
            detail: `doneOn ${body.doneOn} is after today (${today} in London)`,
            extensions: { errors: [{ path: 'doneOn', message: 'must not be in the future', in: 'body' }] },
          });
        }
        const check = manager.create(RecallCheck, {
          id: randomUUID(),
          orgId: principal.orgId,
          clientId,
          checkType: body.checkType,
          doneOn: body.doneOn,
          doneBy: body.doneBy ?? principal.userId,
          resultSummary: body.resultSummary ?? null,
          recordedBy: principal.userId,
          recordedAt: now,
        });
        await manager.insert(RecallCheck, check);
        await this.audit.record(manager, REFERRALS_SCHEMA, {
          actor: principal,
          action: 'create',
          subjectType: 'recall_check',
          subjectId: check.id,
          clientId,
          correlationId: currentCorrelation()?.correlationId ?? check.id,
          details: { checkType: check.checkType, doneOn: check.doneOn },
          occurredAt: now,
        });
        return toCheckView(check);
      };
      if (!idempotencyKey) return { result: await create(), replayed: false };
      const outcome = await runIdempotently(
        manager,
        REFERRALS_SCHEMA,
        {
          scope: `${principal.orgId}:${principal.userId}:record-recall-check`,
          key: idempotencyKey,
          body: { clientId, ...body },
        },
        create,
      );
      if (outcome.replayed) await auditReplay(this.audit, manager, principal, 'recall_check')(outcome.result);
      return outcome;
    });
  }
}
