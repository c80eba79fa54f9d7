/**
 * What a consumer does with an event whose handler failed. Bounded contexts map their own error codes
 * to one of these (by throwing an error carrying `consumerDecision`); anything unknown is retried a
 * few times and then dead-lettered, so neither a bug nor an outage blocks the partition for ever.
 */
export type ConsumerDecision = 'retry' | 'dead-letter' | 'ignore';

export interface HasConsumerDecision {
  consumerDecision: ConsumerDecision;
}

/** Thrown by a handler when the event can never succeed (it contradicts this service's state). */
export class PermanentEventError extends Error implements HasConsumerDecision {
  readonly consumerDecision = 'dead-letter' as const;
  constructor(
    message: string,
    readonly code = 'PERMANENT_FAILURE',
  ) {
    super(message);
    this.name = 'PermanentEventError';
  }
}

// Postgres SQLSTATEs worth a retry: serialisation failures, deadlocks, lock timeouts, shutdowns, connection loss.
const TRANSIENT_SQLSTATE = /^(40001|40P01|55P03|57P0[123]|08...|53...)$/;
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

export function decideOnError(error: unknown): ConsumerDecision {
  if (typeof error === 'object' && error !== null) {
    const decision = (error as Partial<HasConsumerDecision>).consumerDecision;
    if (decision === 'retry' || decision === 'dead-letter' || decision === 'ignore') return decision;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NODE_CODES.has(code))) {
      return 'retry';
    }
  }
  return 'retry';
}
