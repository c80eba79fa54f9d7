import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertVisibleTo, AuditTrail, type Principal } from '@careloop/auth';
import { runIdempotently, type IdempotentOutcome } from '@careloop/http';
import { CLOCK, type Clock } from '@careloop/time';
import { auditReplay } from '../access/audit-replay';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { changeNeedStatus } from './need-lifecycle';
import { toNeedView, type ChangeNeedStatusBody, type NeedView } from './need.dto';
import { Need } from './need.entity';
import { NeedError } from './need.errors';
import { NeedStatusWriter } from './need-status-writer';

/**
 * Moves a need along its lifecycle (or reopens it). The row is locked, so two workers changing the
 * same need one after the other each see the other's change; the new status, its history line, the
 * audit entry and `need.status-changed.v1` commit together.
 */
@Injectable()
export class ChangeNeedStatus {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly writer: NeedStatusWriter,
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
        const changed = await this.writer.write(
          manager,
          principal,
          need,
          transition.to,
          body.reason,
          this.clock.now(),
        );
        return toNeedView(changed);
      };
      if (!idempotencyKey) return { result: await change(), replayed: false };
      const outcome = await runIdempotently(
        manager,
        REFERRALS_SCHEMA,
        {
          scope: `${principal.orgId}:${principal.userId}:change-need-status`,
          key: idempotencyKey,
          body: { needId, ...body },
        },
        change,
      );
      if (outcome.replayed) await auditReplay(this.audit, manager, principal, 'need')(outcome.result);
      return outcome;
    });
  }
}
