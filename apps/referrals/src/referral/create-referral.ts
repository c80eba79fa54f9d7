import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { referralCreatedV1 } from '@careloop/contracts';
import { runIdempotently, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import type { CreateReferralBody, ReferralView } from './referral.dto';
import { toReferralView } from './referral.dto';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { Referral } from './referral.entity';

/**
 * Refers a client on. The referral, its audit entry and `referral.created.v1` commit together; a
 * retried request with the same Idempotency-Key returns the first referral instead of a second one.
 */
@Injectable()
export class CreateReferral {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    body: CreateReferralBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<ReferralView>> {
    return this.dataSource.transaction(async (manager) => {
      const create = async (): Promise<ReferralView> => {
        const referral = manager.create(Referral, {
          id: randomUUID(),
          orgId: principal.orgId,
          ...body,
          status: 'sent',
          createdBy: principal.userId,
          createdAt: this.clock.now(),
        });
        await manager.insert(Referral, referral);
        await this.audit.record(manager, REFERRALS_SCHEMA, {
          actor: principal,
          action: 'create',
          subjectType: 'referral',
          subjectId: referral.id,
          clientId: referral.clientId,
          correlationId: currentCorrelation()?.correlationId ?? referral.id,
          details: { destinationKind: referral.destinationKind, urgency: referral.urgency },
        });
        await this.outbox.add(manager, referralCreatedV1, {
          subjectId: referral.id,
          orgId: referral.orgId,
          actor: { kind: 'user', id: principal.userId },
          occurredAt: referral.createdAt,
          data: {
            referralId: referral.id,
            clientId: referral.clientId,
            destinationKind: referral.destinationKind,
            destinationName: referral.destinationName,
            urgency: referral.urgency,
            reason: referral.reason,
            createdBy: principal.userId,
          },
        });
        return toReferralView(referral);
      };
      if (!idempotencyKey) return { result: await create(), replayed: false };
      // Keys are the caller's own: another user reusing one gets a fresh referral, never someone else's.
      const outcome = await runIdempotently(
        manager,
        REFERRALS_SCHEMA,
        { scope: `${principal.orgId}:${principal.userId}:create-referral`, key: idempotencyKey, body },
        create,
      );
      if (outcome.replayed) {
        await this.audit.record(manager, REFERRALS_SCHEMA, {
          actor: principal,
          action: 'read',
          subjectType: 'referral',
          subjectId: outcome.result.id,
          clientId: outcome.result.clientId,
          reason: 'repeated request (Idempotency-Key)',
          correlationId: currentCorrelation()?.correlationId ?? outcome.result.id,
        });
      }
      return outcome;
    });
  }
}
