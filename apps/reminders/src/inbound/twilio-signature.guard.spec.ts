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

  it('holds Twilio to the message id on a status callback URL: another id breaks the signature', () => {
    const { guard } = guardWith({ TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: 'https://sms.example.org' });
    const signed = '/webhooks/twilio/status?messageId=6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
    const signature = twilio.getExpectedTwilioSignature(TOKEN, `https://sms.example.org${signed}`, FIELDS);

    expect(guard.canActivate(requestTo(signed, signature))).toBe(true);
    // The same signed receipt pointed at another of our texts.
    const other = '/webhooks/twilio/status?messageId=0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    expect(() => guard.canActivate(requestTo(other, signature))).toThrow(TwilioWebhookError);
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
