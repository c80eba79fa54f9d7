import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail, type AuditActor } from '@careloop/auth';
import { referralStatusChangedV1 } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { currentCorrelation } from '@careloop/observability';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import type { ActionSource, ReferralAction } from './lifecycle/referral-action';
import { nextStatus } from './lifecycle/referral-lifecycle';
import type { ReferralStatus } from './lifecycle/referral-status';
import { Referral } from './referral.entity';
import { ReferralError } from './referral.errors';
import { ReferralStatusChange } from './referral-status-change.entity';

export interface TransitionRequest {
  action: ReferralAction;
  source: ActionSource;
  /** Who: a member of staff, or `system:booking` (no roles) for a change following booking's event. */
  actor: AuditActor;
  now: Date;
  /** Overrides the reason derived from the action (e.g. "Appointment rescheduled"). */
  reason?: string;
}

/** The words kept in the history for an action: the reason or note the person gave, if any. */
export function reasonOf(action: ReferralAction): string | null {
  switch (action.type) {
    case 'record-rejection':
    case 'appointment-cancelled':
      return action.reason;
    case 'record-acceptance':
    case 'resend':
      return action.note ?? null;
    case 'complete':
      return action.outcome;
    case 'close':
      return `${action.outcome}: ${action.reason}`;
    default:
      return null;
  }
}

function appointmentOf(action: ReferralAction): string | null {
  return 'appointmentId' in action ? action.appointmentId : null;
}

/**
 * Applies one lifecycle action to a referral the caller has locked (`lock`), inside the caller's
 * transaction: the new status (version + 1), its history line, an audit entry and
 * `referral.status-changed.v1` commit together. Illegal actions are refused before anything is written.
 */
@Injectable()
export class ReferralTransitions {
  constructor(
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  /** Reads the referral with a row lock, so concurrent actions on it run one after the other. */
  lock(manager: EntityManager, referralId: string): Promise<Referral | null> {
    return manager.findOne(Referral, { where: { id: referralId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Where the action takes the referral, or REFERRAL_ILLEGAL_TRANSITION with the rule's message. */
  decide(referral: Referral, action: ReferralAction, source: ActionSource): ReferralStatus {
    const result = nextStatus(referral.status, action, source);
    if (!result.ok) {
      throw new ReferralError('REFERRAL_ILLEGAL_TRANSITION', {
        detail: result.message,
        extensions: { currentStatus: referral.status, action: action.type, rule: result.reason },
      });
    }
    return result.to;
  }

  async apply(manager: EntityManager, referral: Referral, request: TransitionRequest): Promise<Referral> {
    const { action, source, actor, now } = request;
    const to = this.decide(referral, action, source);
    const from = referral.status;
    const statusChangedAt = to === from ? referral.statusChangedAt : now;
    const updated = await manager.update(
      Referral,
      { id: referral.id, version: referral.version },
      { status: to, statusChangedAt, updatedAt: now, version: referral.version + 1 },
    );
    if (updated.affected !== 1) {
      throw new ReferralError('REFERRAL_CHANGED_CONCURRENTLY', { detail: `Referral ${referral.id} changed` });
    }
    const reason = request.reason ?? reasonOf(action);
    const appointmentId = appointmentOf(action);
    await manager.insert(ReferralStatusChange, {
      id: randomUUID(),
      referralId: referral.id,
      orgId: referral.orgId,
      clientId: referral.clientId,
      fromStatus: from,
      toStatus: to,
      action: action.type,
      reason,
      appointmentId,
      changedBy: actor.userId,
      source,
      changedAt: now,
    });
    await this.audit.record(manager, REFERRALS_SCHEMA, {
      actor,
      action: 'update',
      subjectType: 'referral',
      subjectId: referral.id,
      clientId: referral.clientId,
      correlationId: currentCorrelation()?.correlationId ?? referral.id,
      details: { status: { from, to }, action: action.type, source },
      occurredAt: now,
    });
    await this.outbox.add(manager, referralStatusChangedV1, {
      subjectId: referral.id,
      orgId: referral.orgId,
      actor: { kind: source === 'staff' ? 'user' : 'system', id: actor.userId },
      occurredAt: now,
      data: {
        referralId: referral.id,
        clientId: referral.clientId,
        from,
        to,
        action: action.type,
        reason,
        appointmentId,
        source,
        changedBy: actor.userId,
        changedAt: now.toISOString(),
      },
    });
    return { ...referral, status: to, statusChangedAt, updatedAt: now, version: referral.version + 1 };
  }
}
