import { defineErrors } from '../domain-error';

/**
 * Misuse of the Idempotency-Key header. A reused key is the caller's mistake, never fixed by trying
 * again, so a consumer that somehow hits it dead-letters the event.
 */
export class IdempotencyError extends defineErrors('http', {
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: 'Idempotency-Key already used for a different request',
    consumer: 'dead-letter',
  },
}) {}
export type IdempotencyErrorCode = IdempotencyError['code'];
