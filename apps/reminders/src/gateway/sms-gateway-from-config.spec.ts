import { loadRuntimeConfig } from '@careloop/runtime';
import { ManualClock } from '@careloop/time';
import { DevInboxGateway } from './dev-inbox-gateway';
import { NotifySmsGateway } from './notify-sms-gateway';
import { rateLimitFrom, smsGatewayFrom, twilioStatusCallbackUrl } from './sms-gateway-from-config';
import { TwilioSmsGateway } from './twilio-sms-gateway';

const base = { PORT: '0', DEV_IDP: 'true' };
const clock = new ManualClock();

describe('the SMS gateway from configuration', () => {
  it('is the development inbox by default', () => {
    expect(smsGatewayFrom(loadRuntimeConfig(base), clock)).toBeInstanceOf(DevInboxGateway);
  });

  it('is Twilio or Notify when chosen', () => {
    const twilio = loadRuntimeConfig({
      ...base,
      SMS_GATEWAY: 'twilio',
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'a-long-enough-token',
      TWILIO_FROM: '+447700900001',
    });
    expect(smsGatewayFrom(twilio, clock)).toBeInstanceOf(TwilioSmsGateway);

    const notify = loadRuntimeConfig({
      ...base,
      SMS_GATEWAY: 'notify',
      NOTIFY_API_KEY: `test-${'3'.repeat(8)}-3333-3333-3333-${'3'.repeat(12)}-${'4'.repeat(8)}-4444-4444-4444-${'4'.repeat(12)}`,
      NOTIFY_SMS_TEMPLATE_ID: '0b6e9a54-6c3f-4f0e-9d55-7f1c8d1e2a3b',
    });
    expect(smsGatewayFrom(notify, clock)).toBeInstanceOf(NotifySmsGateway);
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
