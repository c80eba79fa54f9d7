import type { EntityManager } from 'typeorm';
import type { AuditTrail, Principal } from '@careloop/auth';
import { BOOKING_SCHEMA } from '../booking-schema';
import { Appointment } from './appointment.entity';
import { appointmentAudit } from './appointment-audit';

/**
 * A repeated request (same Idempotency-Key) returns the first answer: a read of the client's data, so
 * audit it. A clinic's view names no client id; the appointment does.
 */
export function auditReplay(audit: AuditTrail, manager: EntityManager, principal: Principal) {
  return async (result: { id: string; clientId?: string }): Promise<void> => {
    const clientId =
      result.clientId ?? (await manager.findOneBy(Appointment, { id: result.id }))?.clientId ?? null;
    await audit.record(manager, BOOKING_SCHEMA, {
      ...appointmentAudit(principal, { id: result.id, clientId }),
      action: 'read',
      reason: 'repeated request (Idempotency-Key)',
    });
  };
}
