import { ConfigError } from '@careloop/config';
import { loadRuntimeConfig } from '@careloop/runtime';
import { ManualClock } from '@careloop/time';
import { DevInboxGateway } from './dev-inbox-gateway';
import { NotifySmsGateway } from './notify-sms-gateway';
import {
  NOTIFY_TAKES_NO_REPLIES,
  rateLimitFrom,
  smsGatewayFrom,
  twilioStatusCallbackUrl,
} from './sms-gateway-from-config';
import { TwilioSmsGateway } from './twilio-sms-gateway';

const embedded = { PORT: '0', DEV_IDP: 'true' };
// A deployment: a real database and a real identity provider.
const deployed = {
  PORT: '0',
  DATABASE_URL: 'postgres://careloop@db.internal:5432/careloop',
  AUTH_ISSUER: 'https://id.example.nhs.uk',
  AUTH_JWKS_URL: 'https://id.example.nhs.uk/jwks.json',
};
const twilioKeys = {
  SMS_GATEWAY: 'twilio',
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'a-long-enough-token',
  TWILIO_FROM: '+447700900001',
  PUBLIC_BASE_URL: 'https://reminders.example.nhs.uk',
};
const notifyKeys = {
  SMS_GATEWAY: 'notify',
  NOTIFY_API_KEY: `test-${'3'.repeat(8)}-3333-3333-3333-${'3'.repeat(12)}-${'4'.repeat(8)}-4444-4444-4444-${'4'.repeat(12)}`,
  NOTIFY_SMS_TEMPLATE_ID: '0b6e9a54-6c3f-4f0e-9d55-7f1c8d1e2a3b',
};
const clock = new ManualClock();

/** A boot logger keeping what was warned: warn is all the gateway may log at boot. */
function bootLog() {
  const warnings: unknown[][] = [];
  return { warnings, logger: { warn: (...args: unknown[]) => void warnings.push(args) } };
}

describe('the SMS gateway from configuration', () => {
  it('is the development inbox in embedded mode when none is chosen', () => {
    const { logger, warnings } = bootLog();
    expect(smsGatewayFrom(loadRuntimeConfig(embedded), clock, logger)).toBeInstanceOf(DevInboxGateway);
    expect(warnings).toEqual([]);
  });

  it('refuses to start next to a real database when none is chosen, naming SMS_GATEWAY', () => {
    const { logger } = bootLog();
    const build = () => smsGatewayFrom(loadRuntimeConfig(deployed), clock, logger);

    expect(build).toThrow(ConfigError);
    expect(build).toThrow(
      /SMS_GATEWAY: is required when DATABASE_URL is set: twilio or notify, or dev_inbox/,
    );
    // Chosen explicitly, the development inbox still runs against a real database (tests, staging).
    expect(
      smsGatewayFrom(loadRuntimeConfig({ ...deployed, SMS_GATEWAY: 'dev_inbox' }), clock, logger),
    ).toBeInstanceOf(DevInboxGateway);
  });

  it('is Twilio or Notify when chosen', () => {
    const { logger } = bootLog();
    const twilio = loadRuntimeConfig({ ...deployed, ...twilioKeys });
    expect(smsGatewayFrom(twilio, clock, logger)).toBeInstanceOf(TwilioSmsGateway);

    const notify = loadRuntimeConfig({ ...deployed, ...notifyKeys });
    expect(smsGatewayFrom(notify, clock, logger)).toBeInstanceOf(NotifySmsGateway);
  });

  it('warns at boot that replies go nowhere with Notify, and only with Notify', () => {
    const notify = bootLog();
    smsGatewayFrom(loadRuntimeConfig({ ...deployed, ...notifyKeys }), clock, notify.logger);
    expect(notify.warnings).toEqual([[{ smsGateway: 'notify' }, NOTIFY_TAKES_NO_REPLIES]]);
    expect(NOTIFY_TAKES_NO_REPLIES).toMatch(/receives no replies.*should not ask for a reply/);

    const twilio = bootLog();
    smsGatewayFrom(loadRuntimeConfig({ ...deployed, ...twilioKeys }), clock, twilio.logger);
    expect(twilio.warnings).toEqual([]);
  });

  it("puts Twilio's status callback under the public base URL", () => {
    expect(twilioStatusCallbackUrl('https://reminders.example.nhs.uk/')).toBe(
      'https://reminders.example.nhs.uk/webhooks/twilio/status',
    );
    expect(twilioStatusCallbackUrl('https://example.org/careloop')).toBe(
      'https://example.org/careloop/webhooks/twilio/status',
    );
    expect(twilioStatusCallbackUrl(undefined)).toBeUndefined();
  });

  it("allows a burst of one second's worth at the configured rate", () => {
    expect(rateLimitFrom({ SMS_RATE_PER_SECOND: 10 })).toEqual({ ratePerSecond: 10, burst: 10 });
    expect(rateLimitFrom({ SMS_RATE_PER_SECOND: 0.5 })).toEqual({ ratePerSecond: 0.5, burst: 1 });
  });
});
