import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { assertSchemaName } from '@careloop/persistence';
import { IdempotencyError } from './idempotency.errors';

export interface IdempotentRequest {
  /** Whose key space: an organisation and an operation, e.g. `org-1:POST /referrals`. */
  scope: string;
  key: string;
  /** The request body (or what identifies it); a reused key with a different body is refused. */
  body: unknown;
}

export interface IdempotentOutcome<T> {
  result: T;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

/**
 * Runs a creating request at most once per Idempotency-Key, inside the caller's transaction: the key
 * row and the change commit together. A concurrent retry waits on the key's unique index, then
 * receives the first request's result instead of creating a second record.
 */
export async function runIdempotently<T>(
  manager: EntityManager,
  schema: string,
  request: IdempotentRequest,
  create: () => Promise<T>,
): Promise<IdempotentOutcome<T>> {
  assertSchemaName(schema);
  const fingerprint = createHash('sha256').update(stableJson(request.body)).digest('hex');
  const claimed = (await manager.query(
    `INSERT INTO "${schema}"."idempotency_keys" ("scope", "key", "fingerprint") VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING "key"`,
    [request.scope, request.key, fingerprint],
  )) as unknown[];
  if (claimed.length === 0) {
    const [stored] = (await manager.query(
      `SELECT "fingerprint", "response" FROM "${schema}"."idempotency_keys" WHERE "scope" = $1 AND "key" = $2`,
      [request.scope, request.key],
    )) as { fingerprint: string; response: T }[];
    if (!stored || stored.fingerprint !== fingerprint) {
      throw new IdempotencyError('IDEMPOTENCY_KEY_REUSED', {
        detail: 'This Idempotency-Key was already used for a different request',
      });
    }
    return { result: stored.response, replayed: true };
  }
  const result = await create();
  await manager.query(
    `UPDATE "${schema}"."idempotency_keys" SET "response" = $3 WHERE "scope" = $1 AND "key" = $2`,
    [request.scope, request.key, JSON.stringify(result)],
  );
  return { result, replayed: false };
}

/** JSON with sorted keys, so the same body in another key order has the same fingerprint. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
