import { z } from 'zod';
import { ConfigError } from './config-error';
import { boolean, list, oneOf, port, url } from './fields';
import { loadConfig } from './load-config';
import { redactConfig, REDACTED } from './redact-config';
import { secret } from './secret';

// The pattern apps follow: always-needed keys in one object, and each pluggable feature as a
// discriminated union so its credentials are required only when that adapter is chosen.
const base = z.object({
  PORT: port().default(3000),
  DATABASE_URL: secret(url(['postgres', 'postgresql'])).optional(),
  KAFKA_BROKERS: list(z.string().regex(/^[\w.-]+:\d+$/, 'must be host:port')).default([]),
  AUDIT_ENABLED: boolean().default(true),
  LOG_LEVEL: oneOf(['debug', 'info', 'warn', 'error']).default('info'),
});
const sms = z.discriminatedUnion('SMS_GATEWAY', [
  z.object({
    SMS_GATEWAY: z.literal('twilio'),
    TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-f]{32}$/, 'must look like AC followed by 32 hex digits'),
    TWILIO_AUTH_TOKEN: secret(z.string().min(16)),
  }),
  z.object({ SMS_GATEWAY: z.literal('inbox') }),
]);
const schema = base.and(sms);

const twilioSid = `AC${'0'.repeat(32)}`;

function problemsOf(env: Record<string, string>): ConfigError['problems'] {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('returns typed values with defaults applied and strings converted', () => {
    const config = loadConfig(schema, {
      SMS_GATEWAY: 'inbox',
      PORT: '8080',
      KAFKA_BROKERS: 'k1:9092, k2:9092,',
      AUDIT_ENABLED: 'false',
    });

    expect(config).toEqual({
      PORT: 8080,
      KAFKA_BROKERS: ['k1:9092', 'k2:9092'],
      AUDIT_ENABLED: false,
      LOG_LEVEL: 'info',
      SMS_GATEWAY: 'inbox',
    });
  });

  it('treats empty values as unset so defaults still apply', () => {
    expect(loadConfig(schema, { SMS_GATEWAY: 'inbox', PORT: '' }).PORT).toBe(3000);
  });

  it('lists every bad key at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      AUDIT_ENABLED: 'yes',
      KAFKA_BROKERS: 'k1:9092,nope',
      LOG_LEVEL: 'loud',
      SMS_GATEWAY: 'inbox',
    });

    expect(problems.map((p) => p.key)).toEqual(['PORT', 'KAFKA_BROKERS', 'AUDIT_ENABLED', 'LOG_LEVEL']);
    expect(problems).toContainEqual({ key: 'AUDIT_ENABLED', problem: "must be 'true' or 'false'" });
    expect(problems).toContainEqual({ key: 'KAFKA_BROKERS', problem: 'item 1: must be host:port' });
  });

  it('requires the Twilio credentials only when the Twilio gateway is chosen', () => {
    expect(() => loadConfig(schema, { SMS_GATEWAY: 'inbox' })).not.toThrow();

    const problems = problemsOf({ SMS_GATEWAY: 'twilio', PORT: 'x' });
    expect(problems).toEqual([
      expect.objectContaining({ key: 'PORT' }),
      { key: 'TWILIO_ACCOUNT_SID', problem: 'is required but not set' },
      { key: 'TWILIO_AUTH_TOKEN', problem: 'is required but not set' },
    ]);

    const config = loadConfig(schema, {
      SMS_GATEWAY: 'twilio',
      TWILIO_ACCOUNT_SID: twilioSid,
      TWILIO_AUTH_TOKEN: 'a-long-enough-token',
    });
    // The union narrows: inside this branch the credentials are typed as present strings.
    if (config.SMS_GATEWAY !== 'twilio') throw new Error('expected the twilio branch');
    expect(config.TWILIO_AUTH_TOKEN.length).toBeGreaterThan(0);
  });

  it('names an unknown adapter and the choices', () => {
    expect(problemsOf({ SMS_GATEWAY: 'carrier-pigeon' })).toEqual([
      { key: 'SMS_GATEWAY', problem: expect.stringContaining("'twilio' | 'inbox'") },
    ]);
  });

  it('never prints a secret value, even an invalid one', () => {
    const leaked = 'short-secret';
    const dbPassword = 's3cr3t-pa55';
    try {
      loadConfig(schema, {
        SMS_GATEWAY: 'twilio',
        TWILIO_ACCOUNT_SID: twilioSid,
        TWILIO_AUTH_TOKEN: leaked,
        DATABASE_URL: `mysql://app:${dbPassword}@db/x`,
      });
      throw new Error('expected loadConfig to fail');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('TWILIO_AUTH_TOKEN');
      expect(message).toContain('DATABASE_URL');
      expect(message).not.toContain(leaked);
      expect(message).not.toContain(dbPassword);
    }
  });
});

describe('redactConfig', () => {
  it('hides secret keys and keeps the rest readable for the boot log', () => {
    const env = {
      SMS_GATEWAY: 'twilio',
      TWILIO_ACCOUNT_SID: twilioSid,
      TWILIO_AUTH_TOKEN: 'a-long-enough-token',
      DATABASE_URL: 'postgres://app:pw@db:5432/careloop',
    };
    const config = loadConfig(schema, env);

    const redacted = redactConfig(config, schema);

    expect(redacted).toMatchObject({
      TWILIO_AUTH_TOKEN: REDACTED,
      DATABASE_URL: REDACTED,
      TWILIO_ACCOUNT_SID: twilioSid,
      PORT: 3000,
    });
    expect(JSON.stringify(redacted)).not.toContain('a-long-enough-token');
    expect(JSON.stringify(redacted)).not.toContain('pw@db');
  });

  it('leaves an unset optional secret visible as unset', () => {
    const config = loadConfig(schema, { SMS_GATEWAY: 'inbox' });

    expect(redactConfig(config, schema)).not.toHaveProperty('DATABASE_URL');
  });
});
