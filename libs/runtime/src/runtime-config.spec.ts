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

  describe('SMS gateway', () => {
    const twilio = {
      ...external,
      SMS_GATEWAY: 'twilio',
      TWILIO_ACCOUNT_SID: `AC${'a1'.repeat(16)}`,
      TWILIO_AUTH_TOKEN: 'tw-auth-token-0123456789',
      PUBLIC_BASE_URL: 'https://reminders.careloop.example',
    };
    const notifyKey = `careloop_live-${'1'.repeat(8)}-1111-1111-1111-${'1'.repeat(12)}-${'2'.repeat(8)}-2222-2222-2222-${'2'.repeat(12)}`;

    // Booking and referrals share these keys but send no texts: they must start without a gateway.
    // Whether a process may go without one is the reminders service's decision (smsGatewayKindFrom).
    it('needs no gateway, and sends at 10 per second per sender unless told otherwise', () => {
      const config = loadRuntimeConfig({
        ...external,
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/careloop',
      });
      expect(config.SMS_GATEWAY).toBeUndefined();
      expect(config.SMS_RATE_PER_SECOND).toBe(10);
    });

    it('needs the Twilio credentials, a sender and the public URL only when Twilio is chosen', () => {
      expect(problemsOf(() => loadRuntimeConfig({ ...external, SMS_GATEWAY: 'twilio' }))).toEqual([
        'TWILIO_ACCOUNT_SID: is required when SMS_GATEWAY=twilio',
        'TWILIO_AUTH_TOKEN: is required when SMS_GATEWAY=twilio',
        expect.stringMatching(/^PUBLIC_BASE_URL: is required when SMS_GATEWAY=twilio: /),
        'TWILIO_MESSAGING_SERVICE_SID: set TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM when SMS_GATEWAY=twilio',
      ]);
      const config = loadRuntimeConfig({
        ...twilio,
        TWILIO_FROM: '+447700900123',
        SMS_RATE_PER_SECOND: '2.5',
      });
      expect(config).toMatchObject({
        SMS_GATEWAY: 'twilio',
        TWILIO_FROM: '+447700900123',
        SMS_RATE_PER_SECOND: 2.5,
      });
    });

    it('refuses Twilio without the public URL: no delivery receipts, and no reply could be verified', () => {
      const withoutUrl = { ...twilio, PUBLIC_BASE_URL: undefined, TWILIO_FROM: '+447700900123' };
      expect(problemsOf(() => loadRuntimeConfig(withoutUrl))).toEqual([
        'PUBLIC_BASE_URL: is required when SMS_GATEWAY=twilio: without it Twilio sends no delivery ' +
          "receipts and clients' replies cannot be checked as signed by Twilio, so every reply is refused",
      ]);
    });

    it('refuses an alphanumeric sender ID, which clients cannot reply to, naming what can take replies', () => {
      const refusal =
        'TWILIO_FROM: is an alphanumeric sender ID, which clients cannot reply to, yet reminders ask for ' +
        'a reply: replies need a number in E.164 (+447700900123) or a messaging service (TWILIO_MESSAGING_SERVICE_SID)';
      for (const from of ['Careloop', 'NHS CDAS 1']) {
        expect(problemsOf(() => loadRuntimeConfig({ ...twilio, TWILIO_FROM: from }))).toEqual([refusal]);
      }
      // Listed with the other problems, not instead of them.
      const alsoNoUrl = { ...twilio, TWILIO_FROM: 'Careloop', PUBLIC_BASE_URL: undefined };
      expect(problemsOf(() => loadRuntimeConfig(alsoNoUrl))).toEqual([
        refusal,
        expect.stringMatching(/^PUBLIC_BASE_URL: is required/),
      ]);
    });

    it('takes a messaging service or a sender, not both', () => {
      const messagingService = `MG${'b2'.repeat(16)}`;
      expect(loadRuntimeConfig({ ...twilio, TWILIO_MESSAGING_SERVICE_SID: messagingService })).toMatchObject({
        TWILIO_MESSAGING_SERVICE_SID: messagingService,
      });
      expect(
        problemsOf(() =>
          loadRuntimeConfig({
            ...twilio,
            TWILIO_MESSAGING_SERVICE_SID: messagingService,
            TWILIO_FROM: '+447700900123',
          }),
        ),
      ).toEqual(['TWILIO_FROM: set either TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM, not both']);
    });

    it('refuses malformed Twilio identifiers and senders', () => {
      const problems = problemsOf(() =>
        loadRuntimeConfig({
          ...twilio,
          TWILIO_ACCOUNT_SID: 'SK123',
          TWILIO_FROM: '07700 900123',
          TWILIO_API_BASE_URL: 'ftp://localhost',
          SMS_RATE_PER_SECOND: '0',
        }),
      );
      expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'SMS_RATE_PER_SECOND',
        'TWILIO_ACCOUNT_SID',
        'TWILIO_API_BASE_URL',
        'TWILIO_FROM',
      ]);
      expect(problems).toContain('TWILIO_ACCOUNT_SID: must be AC followed by 32 hex digits');
      expect(problems).toContain('TWILIO_FROM: must be a number in E.164 (+447700900123)');
    });

    it('needs the Notify key and template only when Notify is chosen', () => {
      expect(problemsOf(() => loadRuntimeConfig({ ...external, SMS_GATEWAY: 'notify' }))).toEqual([
        'NOTIFY_API_KEY: is required when SMS_GATEWAY=notify',
        'NOTIFY_SMS_TEMPLATE_ID: is required when SMS_GATEWAY=notify',
      ]);
      const templateId = '0b6e9a54-6c3f-4f0e-9d55-7f1c8d1e2a3b';
      const config = loadRuntimeConfig({
        ...external,
        SMS_GATEWAY: 'notify',
        NOTIFY_API_KEY: notifyKey,
        NOTIFY_SMS_TEMPLATE_ID: templateId,
      });
      expect(config).toMatchObject({ SMS_GATEWAY: 'notify', NOTIFY_SMS_TEMPLATE_ID: templateId });
    });

    it('names the gateways it knows', () => {
      expect(problemsOf(() => loadRuntimeConfig({ ...external, SMS_GATEWAY: 'carrier_pigeon' }))).toEqual([
        expect.stringMatching(/^SMS_GATEWAY: .*"dev_inbox"\|"twilio"\|"notify"/),
      ]);
    });

    it('never prints the Twilio auth token or the Notify key, valid or not', () => {
      const config = loadRuntimeConfig({
        ...twilio,
        TWILIO_FROM: '+447700900123',
        NOTIFY_API_KEY: notifyKey,
      });
      const redacted = JSON.stringify(redactConfig(config, runtimeConfigSchema));
      expect(redacted).not.toContain('tw-auth-token');
      expect(redacted).not.toContain('2222-2222');

      const message = (() => {
        try {
          loadRuntimeConfig({
            ...twilio,
            TWILIO_AUTH_TOKEN: 'short-tok',
            NOTIFY_API_KEY: 'not-a-key-secret',
          });
        } catch (error) {
          return (error as Error).message;
        }
        throw new Error('expected a ConfigError');
      })();
      expect(message).toMatch(/TWILIO_AUTH_TOKEN/);
      expect(message).toMatch(/NOTIFY_API_KEY/);
      expect(message).not.toMatch(/short-tok|not-a-key-secret/);
    });
  });
});
