import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { referralCreatedV1 } from '@careloop/contracts';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { InreachServiceDirectory } from '../inreach-service/inreach-service-directory';
import { ClientDirectory } from '../need/client-directory';
import { auditReplay } from '../access/audit-replay';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import type { CreateReferralBody, ReferralView } from './referral.dto';
import { Referral } from './referral.entity';
import { ReferralError } from './referral.errors';
import { ReferralStatusChange } from './referral-status-change.entity';
import { referralDestination } from './referral-destination';
import { toReferralView } from './referral-view';
import { ReferNeed } from './refer-need';

/**
 * Refers a client on for one of their needs, as a draft or sent; an in-reach referral may name the
 * in-reach service whose waiting list the client joins. The referral, its first history line,
 * the need moving to `referred`, audit entries and events commit together; a retried request with the
 * same Idempotency-Key returns the first referral instead of a second one.
 */
@Injectable()
export class CreateReferral {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    private readonly clients: ClientDirectory,
    private readonly referNeed: ReferNeed,
    private readonly inreachServices: InreachServiceDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    clientId: string,
    body: CreateReferralBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<ReferralView>> {
    return this.dataSource.transaction(async (manager) => {
      const create = () => this.create(manager, principal, clientId, body);
      return createOnce(
        manager,
        REFERRALS_SCHEMA,
        { caller: principal, operation: 'create-referral', key: idempotencyKey, body: { clientId, ...body } },
        create,
        auditReplay(this.audit, manager, principal, 'referral'),
      );
    });
  }

  private async create(
    manager: EntityManager,
    principal: Principal,
    clientId: string,
    body: CreateReferralBody,
  ): Promise<ReferralView> {
    if (!(await this.clients.exists(manager, principal.orgId, clientId))) {
      throw new ReferralError('CLIENT_NOT_FOUND', { detail: `No client ${clientId}` });
    }
    const destination = await referralDestination(manager, this.inreachServices, principal.orgId, body);
    const now = this.clock.now();
    await this.referNeed.execute(manager, principal, clientId, body.needId, now);
    const referral = manager.create(Referral, {
      id: randomUUID(),
      orgId: principal.orgId,
      clientId,
      needId: body.needId,
      destinationKind: body.destinationKind,
      ...destination,
      urgency: body.urgency,
      reason: body.reason,
      accompaniment: body.accompaniment,
      status: body.send ? 'sent' : 'draft',
      statusChangedAt: now,
      createdBy: principal.userId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    await manager.insert(Referral, referral);
    await manager.insert(ReferralStatusChange, {
      id: randomUUID(),
      referralId: referral.id,
      orgId: referral.orgId,
      clientId,
      fromStatus: null,
      toStatus: referral.status,
      action: 'create',
      reason: null,
      appointmentId: null,
      changedBy: principal.userId,
      source: 'staff',
      changedAt: now,
    });
    await this.audit.record(manager, REFERRALS_SCHEMA, {
      actor: principal,
      action: 'create',
      subjectType: 'referral',
      subjectId: referral.id,
      clientId,
      correlationId: currentCorrelation()?.correlationId ?? referral.id,
      details: {
        destinationKind: referral.destinationKind,
        inreachServiceId: referral.inreachServiceId,
        urgency: referral.urgency,
        status: referral.status,
      },
      occurredAt: now,
    });
    await this.outbox.add(manager, referralCreatedV1, {
      subjectId: referral.id,
      orgId: referral.orgId,
      actor: { kind: 'user', id: principal.userId },
      occurredAt: now,
      data: {
        referralId: referral.id,
        clientId,
        destinationKind: referral.destinationKind,
        destinationName: referral.destinationName,
        ...(referral.inreachServiceId ? { inreachServiceId: referral.inreachServiceId } : {}),
        urgency: referral.urgency,
        reason: referral.reason,
        createdBy: principal.userId,
        needId: referral.needId,
        status: referral.status,
        accompaniment: referral.accompaniment,
      },
    });
    return toReferralView(referral, now);
  }
}
