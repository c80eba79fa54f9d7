import { z } from 'zod';
import { ConfigError, type ConfigProblem } from './config-error';

export type Env = Record<string, string | undefined>;

/** Any schema whose output is an object: a z.object, or objects joined with `.and()` / unions. */
export type ConfigSchema = z.ZodType<object>;

/**
 * Validates the environment once, at boot, into a typed object. Empty values count as unset, so
 * `FOO=` in an env file falls back to the default instead of failing as an empty string.
 * Throws ConfigError listing every bad key; values are never included in the message.
 */
export function loadConfig<S extends ConfigSchema>(schema: S, env: Env = process.env): z.output<S> {
  const present: Env = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => describeIssue(issue, present)));
}

function describeIssue(issue: z.core.$ZodIssue, env: Env): ConfigProblem {
  const [head, ...rest] = issue.path;
  const key = head === undefined ? '(root)' : String(head);
  const at = rest.length > 0 ? `item ${rest.map(String).join('.')}: ` : '';
  // zod says "expected string, received undefined" for a missing key; say what the operator must do.
  const missing =
    head !== undefined && rest.length === 0 && env[key] === undefined && issue.code === 'invalid_type';
  return { key, problem: missing ? 'is required but not set' : `${at}${issue.message}` };
}
