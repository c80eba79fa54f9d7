import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { ClientDirectory } from '../need/client-directory';
import { auditReplay } from '../access/audit-replay';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { AdvocacyAction } from './advocacy-action.entity';
import { resolveOccurredAt } from './advocacy-rules';
import { toAdvocacyActionView, type AdvocacyActionView, type RecordAdvocacyActionBody } from './advocacy.dto';
import { AdvocacyError } from './advocacy.errors';

/**
 * Appends an advocacy action to a client's log with its audit entry, in one transaction; a retry with
 * the same Idempotency-Key returns the first action (and audits the repeat as a read).
 */
@Injectable()
export class RecordAdvocacyAction {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clients: ClientDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    clientId: string,
    body: RecordAdvocacyActionBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<AdvocacyActionView>> {
    return this.dataSource.transaction(async (manager) => {
      const create = () => this.create(manager, principal, clientId, body);
      return createOnce(
        manager,
        REFERRALS_SCHEMA,
        {
          caller: principal,
          operation: 'record-advocacy-action',
          key: idempotencyKey,
          body: { clientId, ...body },
        },
        create,
        auditReplay(this.audit, manager, principal, 'advocacy_action'),
      );
    });
  }

  private async create(
    manager: EntityManager,
    principal: Principal,
    clientId: string,
    body: RecordAdvocacyActionBody,
  ): Promise<AdvocacyActionView> {
    if (!(await this.clients.exists(manager, principal.orgId, clientId))) {
      throw new AdvocacyError('CLIENT_NOT_FOUND', { detail: `No client ${clientId}` });
    }
    const now = this.clock.now();
    const occurred = resolveOccurredAt(body.occurredAt, now);
    if (occurred.problem) {
      const future = occurred.problem === 'IN_FUTURE';
      throw new AdvocacyError(future ? 'OCCURRED_IN_FUTURE' : 'OCCURRED_TOO_LONG_AGO', {
        detail: `occurredAt ${body.occurredAt} is ${future ? 'later than now' : 'more than 30 days before now'} (${now.toISOString()})`,
        extensions: {
          errors: [
            {
              path: 'occurredAt',
              message: future ? 'must not be in the future' : 'must be within the last 30 days',
              in: 'body',
            },
          ],
        },
      });
    }
    if (body.referralId && !(await referralOfClient(manager, principal.orgId, clientId, body.referralId))) {
      throw new AdvocacyError('REFERRAL_NOT_FOR_CLIENT', {
        detail: `Referral ${body.referralId} is not a referral of client ${clientId}`,
        extensions: {
          errors: [{ path: 'referralId', message: "must be this client's referral", in: 'body' }],
        },
      });
    }
    const action = manager.create(AdvocacyAction, {
      id: randomUUID(),
      orgId: principal.orgId,
      clientId,
      referralId: body.referralId ?? null,
      actionType: body.type,
      accompaniedBy: body.accompaniedBy ?? null,
      outcome: body.outcome,
      occurredAt: occurred.at,
      recordedBy: principal.userId,
      recordedAt: now,
    });
    await manager.insert(AdvocacyAction, action);
    await this.audit.record(manager, REFERRALS_SCHEMA, {
      actor: principal,
      action: 'create',
      subjectType: 'advocacy_action',
      subjectId: action.id,
      clientId,
      correlationId: currentCorrelation()?.correlationId ?? action.id,
      // The outcome is staff's free text: name it, never copy it.
      details: { type: action.actionType, referralId: action.referralId, fields: Object.keys(body).sort() },
      occurredAt: now,
    });
    return toAdvocacyActionView(action);
  }
}

/** Whether the referral is the client's, in the organisation (another organisation's: false). */
async function referralOfClient(
  manager: EntityManager,
  orgId: string,
  clientId: string,
  referralId: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM "${REFERRALS_SCHEMA}"."referral" WHERE "id" = $1 AND "org_id" = $2 AND "client_id" = $3`,
    [referralId, orgId, clientId],
  );
  return rows.length > 0;
}
