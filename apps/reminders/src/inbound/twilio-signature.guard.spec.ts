import type { ExecutionContext } from '@nestjs/common';
import twilio from 'twilio';
import type { Logger } from '@careloop/observability';
import type { RuntimeConfig } from '@careloop/runtime';
import { TwilioSignatureGuard } from './twilio-signature.guard';
import { TwilioWebhookError } from './twilio-webhook.errors';

const TOKEN = 'test-auth-token-0123456789abcdef';
const FIELDS = { MessageSid: `SM${'a'.repeat(32)}`, From: '+447700900123', Body: 'Yes' };

function guardWith(config: Partial<RuntimeConfig>) {
  const warnings: unknown[] = [];
  const logger = { warn: (fields: unknown) => warnings.push(fields) } as unknown as Logger;
  return { guard: new TwilioSignatureGuard(config as RuntimeConfig, logger), warnings };
}

function requestTo(originalUrl: string, signature: string | undefined, body: unknown = FIELDS) {
  const request = {
    originalUrl,
    body,
    headers: signature === undefined ? {} : { 'x-twilio-signature': signature },
  };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

describe('Twilio signature guard', () => {
  it('checks the signature over the public URL, with its query string, whatever the trailing slash', () => {
    const { guard } = guardWith({
      TWILIO_AUTH_TOKEN: TOKEN,
      PUBLIC_BASE_URL: 'https://sms.example.org/careloop/',
    });
    const path = '/webhooks/twilio/status?attempt=2';
    const signature = twilio.getExpectedTwilioSignature(
      TOKEN,
      `https://sms.example.org/careloop${path}`,
      FIELDS,
    );

    expect(guard.canActivate(requestTo(path, signature))).toBe(true);
    expect(() => guard.canActivate(requestTo('/webhooks/twilio/status', signature))).toThrow(
      TwilioWebhookError,
    );
  });

  it('refuses everything, saying why in the log only, when it cannot verify', () => {
    const signature = twilio.getExpectedTwilioSignature(
      TOKEN,
      'https://sms.example.org/webhooks/twilio/inbound',
      FIELDS,
    );
    for (const config of [{ TWILIO_AUTH_TOKEN: TOKEN }, { PUBLIC_BASE_URL: 'https://sms.example.org' }]) {
      const { guard, warnings } = guardWith(config);
      expect(() => guard.canActivate(requestTo('/webhooks/twilio/inbound', signature))).toThrow(
        expect.objectContaining({ code: 'TWILIO_SIGNATURE_INVALID', status: 403, detail: undefined }),
      );
      expect(warnings).toEqual([expect.objectContaining({ reason: expect.stringMatching(/not set/) })]);
    }
  });

  it('refuses a request without fields Twilio could have signed', () => {
    const { guard } = guardWith({ TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: 'https://sms.example.org' });
    const signature = twilio.getExpectedTwilioSignature(
      TOKEN,
      'https://sms.example.org/webhooks/twilio/inbound',
      FIELDS,
    );

    expect(() => guard.canActivate(requestTo('/webhooks/twilio/inbound', signature, null))).toThrow(
      TwilioWebhookError,
    );
    expect(() => guard.canActivate(requestTo('/webhooks/twilio/inbound', undefined))).toThrow(
      TwilioWebhookError,
    );
  });
});
