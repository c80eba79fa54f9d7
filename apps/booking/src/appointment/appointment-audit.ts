import type { AuditActor, AuditEntry } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';

/**
 * What every audit entry about an appointment names: who acted, the appointment and its client (so
 * "who touched this client" is one query), and the request it belongs to. `occurredAt` comes from the
 * injected clock when given; without it the database's transaction time is used.
 */
export function appointmentAudit(
  actor: AuditActor,
  appointment: { id: string; clientId: string | null },
  occurredAt?: Date,
): Omit<AuditEntry, 'action'> {
  return {
    actor,
    subjectType: 'appointment',
    subjectId: appointment.id,
    clientId: appointment.clientId,
    correlationId: currentCorrelation()?.correlationId ?? appointment.id,
    occurredAt,
  };
}
