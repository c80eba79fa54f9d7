import { z } from 'zod';
import { boolean, list, loadConfig, port, secret, url, type Env } from '@careloop/config';

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/**
 * Every key a Careloop process reads. Each adapter is chosen on its own: no DATABASE_URL means
 * embedded PGlite, no KAFKA_BROKERS the in-process bus, no REDIS_URL the in-process scheduler.
 */
export const runtimeConfigSchema = z
  .object({
    PORT: port(),
    HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: logLevel.default('info'),
    // URLs carry credentials (postgres://user:password@host): never printed, in errors or the boot log.
    DATABASE_URL: secret(url(['postgres', 'postgresql'])).optional(),
    EMBEDDED_DATA_DIR: z.string().min(1).optional(),
    KAFKA_BROKERS: list(z.string().regex(/^[^:\s]+:\d+$/, 'must be host:port')).optional(),
    KAFKA_TOPIC_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9._-]*$/)
      .default(''),
    KAFKA_GROUP_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9._-]*$/)
      .default('careloop.'),
    REDIS_URL: secret(url(['redis', 'rediss'])).optional(),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9._-]+$/)
      .default('careloop'),
    AUTH_ISSUER: z.string().min(1).optional(),
    AUTH_AUDIENCE: z.string().min(1).default('careloop'),
    AUTH_JWKS_URL: url(['http', 'https']).optional(),
    DEV_IDP: boolean().default(false),
    OUTBOX_POLL_MS: z.coerce.number<string>().int().min(5).max(60_000).default(100),
    SEED_DEMO_DATA: boolean().default(false),
    // Booking's timings (ADR 14): how long a hold keeps a seat, how long after an appointment's end a
    // missing attendance becomes "outcome unknown", how far ahead availability rules make slots, and
    // how often the timer job runs.
    BOOKING_HOLD_MINUTES: z.coerce.number<string>().int().min(1).max(60).default(10),
    BOOKING_OUTCOME_GRACE_HOURS: z.coerce.number<string>().int().min(1).max(168).default(24),
    BOOKING_HORIZON_WEEKS: z.coerce.number<string>().int().min(1).max(52).default(12),
    BOOKING_TIMER_SECONDS: z.coerce.number<string>().int().min(1).max(3600).default(30),
  })
  .superRefine((c, ctx) => {
    if (c.DEV_IDP && c.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DEV_IDP'],
        message:
          'the development identity provider is for embedded mode only (unset DATABASE_URL or DEV_IDP)',
      });
    }
    if (!c.DEV_IDP) {
      for (const key of ['AUTH_ISSUER', 'AUTH_JWKS_URL'] as const) {
        if (!c[key]) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'is required unless DEV_IDP=true' });
        }
      }
    }
  });

export type RuntimeConfig = z.output<typeof runtimeConfigSchema>;

/** Validates the environment once, at boot, over the defaults an entry point supplies. */
export function loadRuntimeConfig(env: Env, defaults: Env = {}): RuntimeConfig {
  return loadConfig(runtimeConfigSchema, { ...defaults, ...definedOnly(env) });
}

function definedOnly(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
}
