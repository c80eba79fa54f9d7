import type { EntityManager } from 'typeorm';
import type { AuditTrail, Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { BOOKING_SCHEMA } from '../booking-schema';

/** A repeated creating request returns the first appointment: a read of the client's data, so audit it. */
export function auditReplay(audit: AuditTrail, manager: EntityManager, principal: Principal) {
  return async (result: { id: string; clientId: string }): Promise<void> => {
    await audit.record(manager, BOOKING_SCHEMA, {
      actor: principal,
      action: 'read',
      subjectType: 'appointment',
      subjectId: result.id,
      clientId: result.clientId,
      reason: 'repeated request (Idempotency-Key)',
      correlationId: currentCorrelation()?.correlationId ?? result.id,
    });
  };
}
