import type { IncomingMessage, ServerResponse } from 'node:http';
import { newCorrelationId, runWithCorrelation } from './correlation';

export const CORRELATION_HEADER = 'x-correlation-id';

// Ids from clients end up in every log line: accept only short, plain tokens (a uuid, a ulid, a
// trace id), so nobody can inject newlines, markup or megabytes into the logs.
const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function isSaneCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && SANE_ID.test(value);
}

/**
 * Middleware for `app.use`: takes a sane `x-correlation-id` or makes a new one, echoes it on the
 * response, and runs the rest of the request inside that context. Mount it before the body parser
 * so parse errors are correlated too.
 */
export function correlationMiddleware() {
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
    const offered = req.headers[CORRELATION_HEADER];
    const correlationId = isSaneCorrelationId(offered) ? offered : newCorrelationId();
    res.setHeader(CORRELATION_HEADER, correlationId);
    runWithCorrelation({ correlationId }, () => next());
  };
}
