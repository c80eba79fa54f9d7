import { ConfigError, REDACTED, redactConfig } from '@careloop/config';
import { CARELOOP_ENV_KEYS } from '@careloop/testing';
import { loadRuntimeConfig, runtimeConfigSchema } from './runtime-config';

const external = {
  PORT: '3001',
  AUTH_ISSUER: 'https://id.example.nhs.uk',
  AUTH_JWKS_URL: 'https://id.example.nhs.uk/jwks.json',
};

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.key}: ${p.problem}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('runtime configuration', () => {
  it('picks embedded adapters when no database, broker or Redis is configured', () => {
    const config = loadRuntimeConfig({ PORT: '3000', DEV_IDP: 'true' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.KAFKA_BROKERS).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.HOST).toBe('127.0.0.1');
  });

  it('reads each real adapter independently', () => {
    const config = loadRuntimeConfig({
      ...external,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/careloop',
      KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
    });
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('lets the entry point supply defaults that the environment overrides', () => {
    expect(loadRuntimeConfig({ ...external }, { PORT: '4000' }).PORT).toBe(3001);
    expect(loadRuntimeConfig({ ...external, PORT: undefined }, { PORT: '4000' }).PORT).toBe(4000);
  });

  it('lists every bad key at once', () => {
    const problems = problemsOf(() =>
      loadRuntimeConfig({
        PORT: '70000',
        DATABASE_URL: 'mysql://x',
        KAFKA_BROKERS: 'nohost',
        LOG_LEVEL: 'loud',
      }),
    );
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['PORT', 'DATABASE_URL', 'KAFKA_BROKERS', 'LOG_LEVEL']),
    );
  });

  it('requires an identity provider unless the development one is on', () => {
    const problems = problemsOf(() => loadRuntimeConfig({ PORT: '3001' }));
    expect(problems).toEqual(
      expect.arrayContaining([
        'AUTH_ISSUER: is required unless DEV_IDP=true',
        'AUTH_JWKS_URL: is required unless DEV_IDP=true',
      ]),
    );
  });

  it('refuses the development identity provider next to a real database', () => {
    const problems = problemsOf(() =>
      loadRuntimeConfig({
        PORT: '3001',
        DEV_IDP: 'true',
        DATABASE_URL: 'postgres://postgres@127.0.0.1/careloop',
      }),
    );
    expect(problems.join('\n')).toMatch(/DEV_IDP: .*embedded mode only/);
  });

  // The schema's cross-field rules (superRefine) must not hide the secret markers from redaction.
  it('redacts the credentials in DATABASE_URL and REDIS_URL for the boot log', () => {
    const config = loadRuntimeConfig({
      ...external,
      DATABASE_URL: 'postgres://careloop:s3cr3t-pw@db.internal:5432/careloop',
      REDIS_URL: 'redis://:r3dis-pw@cache.internal:6379',
    });
    expect(config.DATABASE_URL).toBe('postgres://careloop:s3cr3t-pw@db.internal:5432/careloop');

    const redacted = redactConfig(config, runtimeConfigSchema);

    expect(redacted).toMatchObject({ DATABASE_URL: REDACTED, REDIS_URL: REDACTED, PORT: 3001 });
    expect(JSON.stringify(redacted)).not.toMatch(/s3cr3t-pw|r3dis-pw/);
  });

  it("is the list of keys test processes clear, so a developer's exported value never leaks into a test", () => {
    expect([...CARELOOP_ENV_KEYS].sort()).toEqual(Object.keys(runtimeConfigSchema.shape).sort());
  });

  it('has booking timings with defaults that a deployment can change', () => {
    const config = loadRuntimeConfig({ ...external, BOOKING_HOLD_MINUTES: '5' });
    expect(config.BOOKING_HOLD_MINUTES).toBe(5);
    expect(config.BOOKING_OUTCOME_GRACE_HOURS).toBe(24);
    expect(problemsOf(() => loadRuntimeConfig({ ...external, BOOKING_TIMER_SECONDS: '0' }))).toEqual([
      expect.stringContaining('BOOKING_TIMER_SECONDS'),
    ]);
  });
});
