import { z } from 'zod';
import { REMINDER_STEPS } from '@careloop/contracts';
import { boolean, list, loadConfig, port, secret, url, type Env } from '@careloop/config';

const wallClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm');
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Where reminders' texts go (ADR 20): kept in memory for development, or sent through Twilio or Notify. */
export const SMS_GATEWAYS = ['dev_inbox', 'twilio', 'notify'] as const;
export type SmsGatewayKind = (typeof SMS_GATEWAYS)[number];

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
    // In-reach offers (ADR 24): how long a waiting client has to take an offered seat, and how often
    // the offer job looks for services whose offers are due.
    INREACH_OFFER_HOURS: z.coerce.number<string>().int().min(1).max(336).default(48),
    INREACH_OFFER_TICK_SECONDS: z.coerce.number<string>().int().min(1).max(3600).default(30),
    // Non-attendance follow-up (issue 7): the did-not-attend count on one referral that raises a task
    // for a multidisciplinary review. Nothing is ever closed or barred automatically.
    TASK_DNA_ESCALATION_THRESHOLD: z.coerce.number<string>().int().min(1).max(20).default(2),
    // Reminder plans (ADR 18): which steps, quiet hours and the times of day of the day-based steps,
    // all Europe/London; the reminders service parses and checks them (a bad value stops it at boot).
    REMINDER_STEPS: list(z.enum(REMINDER_STEPS)).optional(),
    REMINDER_QUIET_HOURS: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm-HH:mm, e.g. 21:00-08:00')
      .default('21:00-08:00'),
    REMINDER_THREE_DAYS_BEFORE_AT: wallClockTime.default('10:00'),
    REMINDER_EVENING_BEFORE_AT: wallClockTime.default('18:00'),
    // Reminders' SMS gateway (ADR 20). Each gateway's own keys are required only when it is chosen.
    // No default here: the reminders service takes the development inbox only in embedded mode and
    // refuses to start next to a real database without it (smsGatewayKindFrom), while the other
    // services never need it.
    SMS_GATEWAY: z.enum(SMS_GATEWAYS).optional(),
    // Per sender: Twilio's UK throughput is about 10 messages/s per long code or alphanumeric sender.
    SMS_RATE_PER_SECOND: z.coerce.number<string>().positive().max(1000).default(10),
    // Where Twilio reaches our webhooks (status callbacks, inbound texts): the URL it signs.
    PUBLIC_BASE_URL: url(['http', 'https']).optional(),
    TWILIO_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex digits')
      .optional(),
    TWILIO_AUTH_TOKEN: secret(z.string().min(16, 'must be at least 16 characters')).optional(),
    TWILIO_MESSAGING_SERVICE_SID: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'must be MG followed by 32 hex digits')
      .optional(),
    // A number in E.164. An alphanumeric sender ID is refused: clients cannot reply to one, yet every
    // default text asks for a reply (ADR 20).
    TWILIO_FROM: z.string().superRefine(checkTwilioFrom).optional(),
    // Tests and local stand-ins only: the SDK's requests go here instead of https://api.twilio.com.
    TWILIO_API_BASE_URL: url(['http', 'https']).optional(),
    // Notify keys look like <name>-<service id>-<secret id>; the client reads both ids from the key.
    NOTIFY_API_KEY: secret(
      z
        .string()
        .regex(
          /-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
          'must be a Notify API key (<name>-<service id>-<secret>)',
        ),
    ).optional(),
    NOTIFY_BASE_URL: url(['http', 'https']).optional(),
    // A Notify text template whose whole content is ((body)): we word the text ourselves.
    NOTIFY_SMS_TEMPLATE_ID: z.uuid('must be a template id (a UUID)').optional(),
    // The bearer token Notify sends with delivery receipts (set in its dashboard's callback settings).
    NOTIFY_CALLBACK_TOKEN: secret(z.string().min(16, 'must be at least 16 characters')).optional(),
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
    checkSmsGatewayKeys(c, ctx);
  });

/** One problem per value (never aborting, so the other keys' problems are still listed). */
function checkTwilioFrom(from: string, ctx: z.RefinementCtx): void {
  if (/[A-Za-z]/.test(from)) {
    ctx.addIssue({
      code: 'custom',
      message:
        'is an alphanumeric sender ID, which clients cannot reply to, yet reminders ask for a reply: ' +
        'replies need a number in E.164 (+447700900123) or a messaging service (TWILIO_MESSAGING_SERVICE_SID)',
    });
  } else if (!/^\+[1-9]\d{6,14}$/.test(from)) {
    ctx.addIssue({ code: 'custom', message: 'must be a number in E.164 (+447700900123)' });
  }
}

interface SmsGatewayKeys {
  SMS_GATEWAY?: SmsGatewayKind;
  PUBLIC_BASE_URL?: string;
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_MESSAGING_SERVICE_SID?: string;
  TWILIO_FROM?: string;
  NOTIFY_API_KEY?: string;
  NOTIFY_SMS_TEMPLATE_ID?: string;
}

/** The chosen gateway's credentials, sender and (Twilio) public URL must be set; the others' are ignored. */
function checkSmsGatewayKeys(c: SmsGatewayKeys, ctx: z.RefinementCtx): void {
  const required = (key: keyof SmsGatewayKeys) => {
    if (!c[key]) {
      ctx.addIssue({ code: 'custom', path: [key], message: `is required when SMS_GATEWAY=${c.SMS_GATEWAY}` });
    }
  };
  if (c.SMS_GATEWAY === 'twilio') {
    required('TWILIO_ACCOUNT_SID');
    required('TWILIO_AUTH_TOKEN');
    if (!c.PUBLIC_BASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_BASE_URL'],
        message:
          'is required when SMS_GATEWAY=twilio: without it Twilio sends no delivery receipts and ' +
          "clients' replies cannot be checked as signed by Twilio, so every reply is refused",
      });
    }
    if (!c.TWILIO_MESSAGING_SERVICE_SID && !c.TWILIO_FROM) {
      ctx.addIssue({
        code: 'custom',
        path: ['TWILIO_MESSAGING_SERVICE_SID'],
        message: 'set TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM when SMS_GATEWAY=twilio',
      });
    }
    if (c.TWILIO_MESSAGING_SERVICE_SID && c.TWILIO_FROM) {
      ctx.addIssue({
        code: 'custom',
        path: ['TWILIO_FROM'],
        message: 'set either TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM, not both',
      });
    }
  }
  if (c.SMS_GATEWAY === 'notify') {
    required('NOTIFY_API_KEY');
    required('NOTIFY_SMS_TEMPLATE_ID');
  }
}

export type RuntimeConfig = z.output<typeof runtimeConfigSchema>;

/** Validates the environment once, at boot, over the defaults an entry point supplies. */
export function loadRuntimeConfig(env: Env, defaults: Env = {}): RuntimeConfig {
  return loadConfig(runtimeConfigSchema, { ...defaults, ...definedOnly(env) });
}

function definedOnly(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
}
