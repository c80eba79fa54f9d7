import type { EntityManager } from 'typeorm';
import { runIdempotently, type IdempotentOutcome } from './idempotent-request';

export interface CreateOnceRequest {
  /** The caller: keys are their own, so another user's key never returns someone else's record. */
  caller: { orgId: string; userId: string };
  /** The operation, and its target where one user may create under several (`add-contact:<clientId>`). */
  operation: string;
  /** The Idempotency-Key header, if the client sent one. */
  key: string | undefined;
  body: unknown;
}

/**
 * A creating request with an optional Idempotency-Key: created once per key in the caller's
 * transaction; a repeat returns the first result and calls `onReplay` (to audit that read).
 */
export async function createOnce<T>(
  manager: EntityManager,
  schema: string,
  request: CreateOnceRequest,
  create: () => Promise<T>,
  onReplay: (result: T) => Promise<void> = async () => undefined,
): Promise<IdempotentOutcome<T>> {
  if (!request.key) return { result: await create(), replayed: false };
  const outcome = await runIdempotently(
    manager,
    schema,
    {
      scope: `${request.caller.orgId}:${request.caller.userId}:${request.operation}`,
      key: request.key,
      body: request.body,
    },
    create,
  );
  if (outcome.replayed) await onReplay(outcome.result);
  return outcome;
}
