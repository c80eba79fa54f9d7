import pino from 'pino';

/**
 * Errors as they may be logged. A failed query carries its SQL and bound parameters (TypeORM's
 * QueryFailedError copies them, and the driver error's `detail` such as "Key (mobile)=(+447700900123)
 * already exists", onto itself), so logging it whole would put phone numbers and message texts into
 * the logs. A database error is therefore logged as its name, code, constraint, message and stack only
 * (none of which holds a bound value), and any other error loses keys that hold query data.
 */
export function serializeError(error: unknown): unknown {
  return isErrorLike(error) ? safeError(error, new Set()) : error;
}

/**
 * The fields of a log line with every error in them, however nested in plain objects and arrays
 * (`{ error }`, Nest's `params: [error]`), made safe: pino only serializes the `err` key itself, and
 * JSON of any other error would include all its own properties.
 */
export function withSafeErrors(fields: Record<string, unknown>): Record<string, unknown> {
  return safeValue(fields, 0) as Record<string, unknown>;
}

// Keys of an error whose values are, or may hold, query text and bound parameters.
const QUERY_DATA_KEYS = new Set([
  'query',
  'parameters',
  'params',
  'sql',
  'detail',
  'where',
  'internalQuery',
  'driverError',
]);

// Deep enough for `{ params: [{ error }] }`; a log line nests no deeper with an error in it.
const MAX_DEPTH = 4;

type ErrorLike = Error & Record<string, unknown>;

function isErrorLike(value: unknown): value is ErrorLike {
  // Only real errors: a plain object is either already made safe here or was never an error.
  return value instanceof Error;
}

/** TypeORM's QueryFailedError, or a Postgres driver error (pg's DatabaseError) thrown as is. */
function isDatabaseError(error: ErrorLike): boolean {
  return (
    error.name === 'QueryFailedError' ||
    error.constructor?.name === 'QueryFailedError' ||
    'driverError' in error ||
    ('query' in error && 'parameters' in error) ||
    (typeof error['severity'] === 'string' && 'routine' in error)
  );
}

function safeError(error: ErrorLike, seen: Set<unknown>): Record<string, unknown> {
  seen.add(error);
  if (isDatabaseError(error)) return databaseErrorFields(error, seen);
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(serialized)) {
    if (QUERY_DATA_KEYS.has(key)) continue;
    const raw = error[key];
    if (key === 'aggregateErrors' && Array.isArray(error['errors'])) {
      safe[key] = (error['errors'] as unknown[]).map((inner) => safeNested(inner, seen));
    } else if (isErrorLike(raw)) {
      safe[key] = safeNested(raw, seen);
    } else {
      safe[key] = safeValue(value, 1, seen);
    }
  }
  // The standard serializer folds causes into message and stack; a database cause only adds its message.
  const cause = error.cause;
  if (isErrorLike(cause) && !seen.has(cause)) safe['cause'] = safeError(cause, seen);
  return safe;
}

function databaseErrorFields(error: ErrorLike, seen: Set<unknown>): Record<string, unknown> {
  const driverError = isErrorLike(error['driverError']) ? error['driverError'] : undefined;
  const code = error['code'] ?? driverError?.['code'];
  const constraint = error['constraint'] ?? driverError?.['constraint'];
  const fields: Record<string, unknown> = {
    type: error.constructor?.name || error.name,
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof constraint === 'string' ? { constraint } : {}),
  };
  if (typeof error.stack === 'string') fields['stack'] = error.stack;
  const cause = error.cause;
  if (isErrorLike(cause) && !seen.has(cause)) fields['cause'] = safeError(cause, seen);
  return fields;
}

function safeNested(value: unknown, seen: Set<unknown>): unknown {
  if (!isErrorLike(value)) return safeValue(value, 1, seen);
  return seen.has(value) ? '[Circular]' : safeError(value, seen);
}

function safeValue(value: unknown, depth: number, seen = new Set<unknown>()): unknown {
  if (isErrorLike(value)) return seen.has(value) ? '[Circular]' : safeError(value, seen);
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    return value.some((item) => containsError(item, depth + 1))
      ? value.map((item) => safeValue(item, depth + 1, seen))
      : value;
  }
  if (!isPlainObject(value) || !containsError(value, depth)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) copy[key] = safeValue(inner, depth + 1, seen);
  return copy;
}

// Copy only what has to change: most lines hold no error, and they stay untouched.
function containsError(value: unknown, depth: number): boolean {
  if (isErrorLike(value)) return true;
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some((item) => containsError(item, depth + 1));
  if (!isPlainObject(value)) return false;
  return Object.values(value).some((inner) => containsError(inner, depth + 1));
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
