import { ConfigError } from '@careloop/config';
import type { Logger } from '@careloop/observability';
import type { RuntimeConfig, SmsGatewayKind } from '@careloop/runtime';
import type { Clock } from '@careloop/time';
import { DevInboxGateway } from './dev-inbox-gateway';
import { NotifySmsGateway } from './notify-sms-gateway';
import type { SmsGateway } from './sms-gateway';
import type { RateLimit } from './token-bucket';
import { TwilioSmsGateway, type TwilioSender } from './twilio-sms-gateway';

/** Where Twilio posts delivery receipts, under PUBLIC_BASE_URL (the URL it signs). */
export const TWILIO_STATUS_CALLBACK_PATH = '/webhooks/twilio/status';

/** The status callback URL for PUBLIC_BASE_URL; none without it (then no receipts arrive). */
export function twilioStatusCallbackUrl(publicBaseUrl: string | undefined): string | undefined {
  return publicBaseUrl ? `${publicBaseUrl.replace(/\/+$/, '')}${TWILIO_STATUS_CALLBACK_PATH}` : undefined;
}

/** SMS_RATE_PER_SECOND per sender, with a burst of one second's worth. */
export function rateLimitFrom(config: Pick<RuntimeConfig, 'SMS_RATE_PER_SECOND'>): RateLimit {
  return {
    ratePerSecond: config.SMS_RATE_PER_SECOND,
    burst: Math.max(1, Math.floor(config.SMS_RATE_PER_SECOND)),
  };
}

/** Logged at boot with SMS_GATEWAY=notify. */
export const NOTIFY_TAKES_NO_REPLIES =
  'SMS_GATEWAY=notify: Notify receives no replies here, so a client who answers a text reaches nobody; ' +
  'reminder texts should not ask for a reply (wording, ADR 19)';

/**
 * Which gateway sends. Unset, it is the development inbox in embedded mode only: next to a real
 * database (a deployment) the texts would quietly pile up in memory, so reminders refuses to start.
 * Only reminders asks: booking and referrals send no texts and need no SMS_GATEWAY.
 */
export function smsGatewayKindFrom(
  config: Pick<RuntimeConfig, 'SMS_GATEWAY' | 'DATABASE_URL'>,
): SmsGatewayKind {
  if (config.SMS_GATEWAY) return config.SMS_GATEWAY;
  if (!config.DATABASE_URL) return 'dev_inbox';
  throw new ConfigError([
    {
      key: 'SMS_GATEWAY',
      problem:
        'is required when DATABASE_URL is set: twilio or notify, or dev_inbox to send nothing and keep ' +
        'the texts in a development inbox',
    },
  ]);
}

/** The gateway SMS_GATEWAY names, built from its keys (their presence is checked at boot). */
export function smsGatewayFrom(
  config: RuntimeConfig,
  clock: Clock,
  logger: Pick<Logger, 'warn'>,
): SmsGateway {
  const kind = smsGatewayKindFrom(config);
  if (kind === 'notify') logger.warn({ smsGateway: kind }, NOTIFY_TAKES_NO_REPLIES);
  switch (kind) {
    case 'twilio':
      return new TwilioSmsGateway({
        accountSid: present(config, 'TWILIO_ACCOUNT_SID'),
        authToken: present(config, 'TWILIO_AUTH_TOKEN'),
        sender: twilioSender(config),
        statusCallbackUrl: twilioStatusCallbackUrl(config.PUBLIC_BASE_URL),
        rateLimit: rateLimitFrom(config),
        apiBaseUrl: config.TWILIO_API_BASE_URL,
      });
    case 'notify':
      return new NotifySmsGateway({
        apiKey: present(config, 'NOTIFY_API_KEY'),
        templateId: present(config, 'NOTIFY_SMS_TEMPLATE_ID'),
        baseUrl: config.NOTIFY_BASE_URL,
        rateLimit: rateLimitFrom(config),
      });
    case 'dev_inbox':
      return new DevInboxGateway(clock);
  }
}

function twilioSender(config: RuntimeConfig): TwilioSender {
  return config.TWILIO_MESSAGING_SERVICE_SID
    ? { messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID }
    : { from: present(config, 'TWILIO_FROM') };
}

function present<K extends keyof RuntimeConfig>(
  config: RuntimeConfig,
  key: K,
): NonNullable<RuntimeConfig[K]> {
  const value = config[key];
  if (value === undefined || value === null) {
    throw new Error(`${key} is required when SMS_GATEWAY=${config.SMS_GATEWAY}`);
  }
  return value;
}
