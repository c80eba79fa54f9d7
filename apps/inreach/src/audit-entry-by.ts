import type { AuditEntry, Principal } from '@careloop/auth';
import { currentCorrelation, newCorrelationId } from '@careloop/observability';

/**
 * An audit entry for what `principal` did, under the request's correlation id (a fresh one outside a
 * request), so the entry can be matched to the request's logs.
 */
export function auditEntryBy(
  principal: Principal,
  entry: Omit<AuditEntry, 'actor' | 'correlationId'>,
): AuditEntry {
  return {
    actor: principal,
    correlationId: currentCorrelation()?.correlationId ?? newCorrelationId(),
    ...entry,
  };
}
