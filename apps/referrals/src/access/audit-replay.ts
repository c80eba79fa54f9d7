import type { EntityManager } from 'typeorm';
import type { AuditTrail, Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { REFERRALS_SCHEMA } from '../referrals-schema';

/** A repeated creating request returns the first record: that is a read of the client's data, so audit it. */
export function auditReplay(
  audit: AuditTrail,
  manager: EntityManager,
  principal: Principal,
  subjectType: string,
) {
  return async (result: { id: string; clientId: string }): Promise<void> => {
    await audit.record(manager, REFERRALS_SCHEMA, {
      actor: principal,
      action: 'read',
      subjectType,
      subjectId: result.id,
      clientId: result.clientId,
      reason: 'repeated request (Idempotency-Key)',
      correlationId: currentCorrelation()?.correlationId ?? result.id,
    });
  };
}
