/**
 * What a consumer does with an event whose handler failed. Bounded contexts map their own error codes
 * to one of these (by throwing an error carrying `consumerDecision`):
 * - `retry`: may succeed if tried again soon (deadlock, serialisation failure) or unknown (maybe a
 *   bug): retried a few times in place, then dead-lettered, so a bug never blocks the partition.
 * - `retry-later`: the infrastructure is down (database unreachable). Retried in place like `retry`,
 *   but never dead-lettered: the event is fine, so it is handed back to the transport to redeliver.
 * - `dead-letter`: can never succeed. `ignore`: nothing to do.
 */
export type ConsumerDecision = 'retry' | 'retry-later' | 'dead-letter' | 'ignore';

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

/**
 * Thrown out of `EventDispatcher.dispatch` when the infrastructure stayed down through every attempt:
 * the transport must not move past the message (Kafka leaves the offset uncommitted and restarts the
 * consumer; the in-process bus tries the delivery again after a delay).
 */
export class RedeliverLaterError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'RedeliverLaterError';
  }
}

const DECISIONS: readonly string[] = ['retry', 'retry-later', 'dead-letter', 'ignore'];
// Connection exceptions, admin/crash shutdown and cannot-connect-now, insufficient resources.
const OUTAGE_SQLSTATE = /^(08...|57P0[123]|53...)$/;
const OUTAGE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);
// pg reports a lost or unobtainable connection without a code.
const OUTAGE_MESSAGE = /^Connection terminated|timeout exceeded when trying to connect/;

export function decideOnError(error: unknown): ConsumerDecision {
  // TypeORM wraps the driver's error (driverError); others chain it as `cause`.
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth += 1) {
    const { consumerDecision, code, message } = e as {
      consumerDecision?: unknown;
      code?: unknown;
      message?: unknown;
    };
    if (typeof consumerDecision === 'string' && DECISIONS.includes(consumerDecision)) {
      return consumerDecision as ConsumerDecision;
    }
    if (typeof code === 'string' && (OUTAGE_SQLSTATE.test(code) || OUTAGE_NODE_CODES.has(code))) {
      return 'retry-later';
    }
    if (code === undefined && typeof message === 'string' && OUTAGE_MESSAGE.test(message)) {
      return 'retry-later';
    }
    e = (e as { driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  // Serialisation failures, deadlocks, lock timeouts (40001, 40P01, 55P03) and anything unknown.
  return 'retry';
}
