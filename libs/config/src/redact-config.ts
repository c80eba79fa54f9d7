import type { ConfigSchema } from './load-config';
import { secretKeys } from './secret';

export const REDACTED = '[redacted]';

/** A copy of the config safe to log: every key marked with secret() replaced, when it has a value. */
export function redactConfig<T extends object>(config: T, schema: ConfigSchema): Record<keyof T, unknown> {
  const secrets = secretKeys(schema);
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      secrets.has(key) && value !== undefined ? REDACTED : value,
    ]),
  ) as Record<keyof T, unknown>;
}
