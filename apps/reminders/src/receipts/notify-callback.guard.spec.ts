import type { ExecutionContext } from '@nestjs/common';
import type { Logger } from '@careloop/observability';
import type { RuntimeConfig } from '@careloop/runtime';
import { NotifyCallbackGuard } from './notify-callback.guard';
import { DeliveryReceiptError } from './receipts.errors';

const TOKEN = 'notify-callback-token-0123456789';

function guardWith(config: Partial<RuntimeConfig>) {
  const warnings: unknown[] = [];
  const logger = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger;
  return { guard: new NotifyCallbackGuard(config as RuntimeConfig, logger), warnings };
}

function requestWith(authorization: string | undefined) {
  const request = {
    originalUrl: '/webhooks/notify/status',
    headers: authorization === undefined ? {} : { authorization },
  };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

describe('Notify callback guard', () => {
  it('lets through a callback bearing our token', () => {
    const { guard } = guardWith({ NOTIFY_CALLBACK_TOKEN: TOKEN });
    expect(guard.canActivate(requestWith(`Bearer ${TOKEN}`))).toBe(true);
  });

  it.each([
    ['no Authorization header', undefined],
    ['another token', 'Bearer notify-callback-token-9876543210'],
    ['our token with a character more', `Bearer ${TOKEN}x`],
    ['our token not as a bearer token', TOKEN],
    ['our token as Basic credentials', `Basic ${TOKEN}`],
  ])('refuses a callback with %s', (_case, authorization) => {
    const { guard, warnings } = guardWith({ NOTIFY_CALLBACK_TOKEN: TOKEN });
    expect(() => guard.canActivate(requestWith(authorization))).toThrow(
      expect.objectContaining({ code: 'NOTIFY_CALLBACK_TOKEN_INVALID', status: 403, detail: undefined }),
    );
    // The log says why, never the token presented.
    expect(JSON.stringify(warnings)).not.toContain('notify-callback-token');
  });

  it('refuses everything without a configured token, and says so at boot when Notify is the gateway', () => {
    const { guard, warnings } = guardWith({ SMS_GATEWAY: 'notify' });
    guard.onModuleInit();
    expect(warnings).toEqual([[expect.stringMatching(/NOTIFY_CALLBACK_TOKEN is not set/)]]);

    expect(() => guard.canActivate(requestWith(`Bearer ${TOKEN}`))).toThrow(DeliveryReceiptError);
    expect(() => guard.canActivate(requestWith('Bearer '))).toThrow(DeliveryReceiptError);
  });

  it('says nothing at boot when another gateway sends', () => {
    const { guard, warnings } = guardWith({ SMS_GATEWAY: 'twilio' });
    guard.onModuleInit();
    expect(warnings).toEqual([]);
  });
});
