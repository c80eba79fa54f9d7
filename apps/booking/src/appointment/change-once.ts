import type { DataSource, EntityManager } from 'typeorm';
import type { AuditTrail, Principal } from '@careloop/auth';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { BOOKING_SCHEMA } from '../booking-schema';
import { auditReplay } from './audit-replay';

export interface ChangeOnceDeps {
  dataSource: DataSource;
  audit: AuditTrail;
}

/** The request as the idempotency store keys it: the operation (and its target), the key, the body. */
export interface OnceRequest {
  operation: string;
  key: string | undefined;
  body: unknown;
}

/** What a replay's audit entry names: the appointment, and its client when the answer shows one. */
type ReplayedAnswer = { id: string; clientId?: string };

/**
 * Runs a change to appointments in one transaction, once per Idempotency-Key: a repeated request gets
 * the first answer back, and since that answer shows the client's data it is audited as a read.
 * `answerOf` picks the appointment out of a stored result that is not itself an appointment view.
 */
export function changeOnce<T extends ReplayedAnswer>(
  deps: ChangeOnceDeps,
  principal: Principal,
  request: OnceRequest,
  change: (manager: EntityManager) => Promise<T>,
): Promise<IdempotentOutcome<T>>;
export function changeOnce<T>(
  deps: ChangeOnceDeps,
  principal: Principal,
  request: OnceRequest,
  change: (manager: EntityManager) => Promise<T>,
  answerOf: (result: T) => ReplayedAnswer,
): Promise<IdempotentOutcome<T>>;
export function changeOnce<T>(
  deps: ChangeOnceDeps,
  principal: Principal,
  request: OnceRequest,
  change: (manager: EntityManager) => Promise<T>,
  answerOf = (result: T) => result as ReplayedAnswer,
): Promise<IdempotentOutcome<T>> {
  return deps.dataSource.transaction((manager) =>
    createOnce(
      manager,
      BOOKING_SCHEMA,
      { caller: principal, ...request },
      () => change(manager),
      (stored) => auditReplay(deps.audit, manager, principal)(answerOf(stored)),
    ),
  );
}
