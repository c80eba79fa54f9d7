import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { RequestValidationError } from './request-validation-error';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

// A uuid or similar opaque token. The IETF draft sends it as a quoted structured-field string;
// both "…" and bare forms are accepted.
const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Reads the Idempotency-Key header: undefined when absent (unless required), the key when well
 * formed, a RequestValidationError (400) otherwise.
 */
export function parseIdempotencyKey(
  header: string | string[] | undefined,
  { required = false } = {},
): string | undefined {
  const fail = (message: string) =>
    new RequestValidationError([{ path: 'Idempotency-Key', message, in: 'header' }]);
  if (header === undefined || header === '') {
    if (required) throw fail('is required on this request');
    return undefined;
  }
  if (Array.isArray(header)) throw fail('must be sent once');
  const key =
    header.startsWith('"') && header.endsWith('"') && header.length > 1 ? header.slice(1, -1) : header;
  if (!KEY.test(key)) throw fail('must be 8 to 128 letters, digits or . _ : - (a uuid is ideal)');
  return key;
}

/** Handler parameter: `create(@IdempotencyKey({ required: true }) key: string)`. */
export const IdempotencyKey = createParamDecorator(
  (options: { required?: boolean } | undefined, ctx: ExecutionContext) =>
    parseIdempotencyKey(
      ctx.switchToHttp().getRequest<IncomingMessage>().headers[IDEMPOTENCY_KEY_HEADER],
      options ?? {},
    ),
);
