import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { startFakeTwilio, twilioSid, type FakeTwilio } from '@careloop/testing';
import type { RetryPolicy } from '../../src/gateway/retry';
import {
  SmsGatewayUnavailableError,
  SmsOutcomeUnknownError,
  SmsRejectedError,
} from '../../src/gateway/sms-gateway';
import { twilioStatusCallbackUrl } from '../../src/gateway/sms-gateway-from-config';
import { TwilioSmsGateway, type TwilioSmsGatewayOptions } from '../../src/gateway/twilio-sms-gateway';
import { smsStatusFromTwilio } from '../../src/gateway/twilio-status';

const AUTH_TOKEN = 'fake-twilio-auth-token-0123456789';
const MESSAGING_SERVICE = twilioSid('MG');
const CLIENT = '+447700900123';
// Short waits so the spec stays fast; the policy's shape is what is under test.
const FAST_RETRY: RetryPolicy = { attempts: 3, firstDelayMs: 100, maxDelayMs: 400 };

/** Our webhook as Twilio reaches it: keeps each callback and whether its signature is Twilio's. */
interface ReceivedCallback {
  params: Record<string, string>;
  signedByTwilio: boolean;
}

async function startWebhookReceiver(): Promise<{
  publicBaseUrl: string;
  received: ReceivedCallback[];
  server: Server;
}> {
  const received: ReceivedCallback[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(raw));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url}`;
      const signature = String(req.headers['x-twilio-signature'] ?? '');
      received.push({ params, signedByTwilio: twilio.validateRequest(AUTH_TOKEN, signature, url, params) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { publicBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

describe('the Twilio gateway, through the real SDK, against a local Twilio', () => {
  let fake: FakeTwilio;
  let webhooks: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    webhooks = await startWebhookReceiver();
  });
  beforeEach(async () => {
    fake = await startFakeTwilio({ authToken: AUTH_TOKEN });
    webhooks.received.length = 0;
  });
  afterEach(() => fake.close());
  afterAll(() => new Promise((resolve) => webhooks.server.close(resolve)));

  const gateway = (options: Partial<TwilioSmsGatewayOptions> = {}) =>
    new TwilioSmsGateway({
      accountSid: fake.accountSid,
      authToken: AUTH_TOKEN,
      sender: { messagingServiceSid: MESSAGING_SERVICE },
      statusCallbackUrl: twilioStatusCallbackUrl(webhooks.publicBaseUrl),
      rateLimit: { ratePerSecond: 10, burst: 10 },
      retry: FAST_RETRY,
      apiBaseUrl: fake.baseUrl,
      ...options,
    });

  it('sends exactly the text, to the recipient, from the messaging service, with our status callback', async () => {
    const body = 'Hi Sam, see you Tue 3 Jun at 10:30 at 12 High St. Reply Y to confirm, N to rearrange.';

    const accepted = await gateway().send({ to: CLIENT, body });

    expect(accepted).toEqual({
      gatewayMessageId: expect.stringMatching(/^SM[0-9a-f]{32}$/),
      status: 'queued',
    });
    expect(fake.requests).toEqual([
      expect.objectContaining({
        accountSid: fake.accountSid,
        to: CLIENT,
        body,
        messagingServiceSid: MESSAGING_SERVICE,
        from: null,
        statusCallback: `${webhooks.publicBaseUrl}/webhooks/twilio/status`,
        auth: { username: fake.accountSid, password: AUTH_TOKEN },
        answeredWith: 201,
        messageSid: accepted.gatewayMessageId,
      }),
    ]);
  });

  it('sends from a single sender when configured so, and a message may name its own callback', async () => {
    const callback = `${webhooks.publicBaseUrl}/webhooks/twilio/status?attempt=2`;

    await gateway({ sender: { from: '+447700900001' } }).send({
      to: CLIENT,
      body: 'Hi',
      statusCallbackUrl: callback,
    });

    expect(fake.requests[0]).toMatchObject({
      from: '+447700900001',
      messagingServiceSid: null,
      statusCallback: callback,
    });
  });

  it('sends no status callback when there is no public URL to receive it', async () => {
    await gateway({ statusCallbackUrl: undefined }).send({ to: CLIENT, body: 'Hi' });

    expect(fake.requests[0]).toMatchObject({ statusCallback: null, answeredWith: 201 });
  });

  it('keeps to the rate per sender: after the burst, one message every 1/rate seconds', async () => {
    const rate = 25;
    const burst = 5;
    const count = 40;
    // The SDK loads its modules on first use: warm it up on another sender so that cost is not measured.
    await gateway().send({ to: CLIENT, body: 'warm-up' });
    const warmUp = fake.requests.length;
    const limited = gateway({ rateLimit: { ratePerSecond: rate, burst } });

    const started = performance.now();
    const accepted = await Promise.all(
      Array.from({ length: count }, (_, i) => limited.send({ to: CLIENT, body: `Message ${i}` })),
    );
    const elapsed = performance.now() - started;

    expect(new Set(accepted.map((a) => a.gatewayMessageId)).size).toBe(count);
    const arrivals = fake.requests
      .slice(warmUp)
      .map((r) => r.receivedAt)
      .sort((a, b) => a - b);
    expect(arrivals).toHaveLength(count);
    // The bucket's promise: any n consecutive arrivals span at least (n - burst) / rate seconds. The
    // margin absorbs what lies between the bucket and the fake's clock: the HTTP round trip and the
    // event loop's pauses (the SDK does some milliseconds of work per request), which can bunch a few.
    const jitterMs = 150;
    for (let i = 0; i < count; i++) {
      for (let j = i + burst; j < count; j++) {
        const n = j - i + 1;
        expect(arrivals[j]! - arrivals[i]!).toBeGreaterThanOrEqual(((n - burst) / rate) * 1000 - jitterMs);
      }
    }
    expect(elapsed).toBeGreaterThanOrEqual(((count - burst) / rate) * 1000 - 2);
    // ...and it does not throttle harder than it must (generous, for a loaded machine).
    expect(elapsed).toBeLessThan(((count - burst) / rate) * 1000 + 2000);
  });

  it('waits and retries a 429 until Twilio takes the message once, which is then delivered', async () => {
    fake.failNext(2, { status: 429, code: 20429 });

    const accepted = await gateway().send({ to: CLIENT, body: 'Reminder: tomorrow at 10:30' });

    expect(fake.requests.map((r) => r.answeredWith)).toEqual([429, 429, 201]);
    expect(fake.requests.filter((r) => r.messageSid !== null)).toHaveLength(1);
    const [first, second, third] = fake.requests.map((r) => r.receivedAt) as [number, number, number];
    // Equal-jitter backoff: at least half of 100 ms, then half of 200 ms.
    expect(second - first).toBeGreaterThanOrEqual(50 - 2);
    expect(third - second).toBeGreaterThanOrEqual(100 - 2);

    const answer = await fake.sendStatusCallback(accepted.gatewayMessageId, 'delivered');

    expect(answer.status).toBe(204);
    expect(webhooks.received).toEqual([
      {
        signedByTwilio: true,
        params: expect.objectContaining({
          MessageSid: accepted.gatewayMessageId,
          MessageStatus: 'delivered',
          To: CLIENT,
          AccountSid: fake.accountSid,
          MessagingServiceSid: MESSAGING_SERVICE,
        }),
      },
    ]);
    expect(smsStatusFromTwilio(webhooks.received[0]!.params['MessageStatus']!)).toBe('delivered');
  });

  it('retries a 503 the same way: Twilio did not take the message', async () => {
    fake.failNext(1, { status: 503, code: 20503 });

    await expect(gateway().send({ to: CLIENT, body: 'Hi' })).resolves.toMatchObject({ status: 'queued' });
    expect(fake.requests.map((r) => r.answeredWith)).toEqual([503, 201]);
  });

  it.each([500, 502, 504])(
    'never resends after a %i: Twilio may have taken the message, so its outcome is unknown',
    async (status) => {
      fake.failNext(1, { status, code: 20500 });

      const sending = gateway().send({ to: CLIENT, body: 'Hi' });

      await expect(sending).rejects.toBeInstanceOf(SmsOutcomeUnknownError);
      await expect(sending).rejects.toMatchObject({ problem: `http_${status} 20500` });
      expect(fake.requests).toHaveLength(1);
    },
  );

  it('reports a blocked recipient (21610) as rejected, after one request and no retry', async () => {
    fake.failNext(1, { status: 400, code: 21610 });

    const sending = gateway().send({ to: CLIENT, body: 'Hi' });

    await expect(sending).rejects.toBeInstanceOf(SmsRejectedError);
    await expect(sending).rejects.toMatchObject({ gateway: 'twilio', code: '21610', reason: 'opted_out' });
    expect(fake.requests).toHaveLength(1);
  });

  it('reports an invalid number (21211) as rejected, for the keyworker to check', async () => {
    fake.failNext(1, { status: 400, code: 21211 });

    await expect(gateway().send({ to: '+447700900999', body: 'Hi' })).rejects.toMatchObject({
      name: 'SmsRejectedError',
      code: '21211',
      reason: 'invalid_number',
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('gives up as unavailable when Twilio keeps failing, after the bounded retries', async () => {
    fake.failNext(Infinity, { status: 503, code: 20503 });

    const sending = gateway().send({ to: CLIENT, body: 'Hi' });

    await expect(sending).rejects.toBeInstanceOf(SmsGatewayUnavailableError);
    await expect(sending).rejects.toMatchObject({ attempts: 3, lastProblem: 'http_503 20503' });
    expect(fake.requests).toHaveLength(FAST_RETRY.attempts);
    expect(fake.requests.every((r) => r.messageSid === null)).toBe(true);
  });

  it('does not retry refused credentials: no message can go until the configuration is fixed', async () => {
    const sending = gateway({ authToken: 'a-wrong-auth-token-0000' }).send({ to: CLIENT, body: 'Hi' });

    await expect(sending).rejects.toMatchObject({
      name: 'SmsGatewayUnavailableError',
      lastProblem: 'http_401 20003',
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('never resends a request that got no answer: its outcome is unknown', async () => {
    fake.stallNext(1);

    const sending = gateway({ timeoutMs: 300 }).send({ to: CLIENT, body: 'Hi' });

    await expect(sending).rejects.toBeInstanceOf(SmsOutcomeUnknownError);
    expect(fake.requests).toHaveLength(1);
    // The error names neither the recipient nor the credentials.
    await expect(sending).rejects.toHaveProperty(
      'message',
      expect.not.stringMatching(/447700900123|auth-token/),
    );
  });

  it('retries when Twilio cannot be reached at all, then gives up as unavailable', async () => {
    const unreachable = gateway({ apiBaseUrl: 'http://127.0.0.1:1' });

    await expect(unreachable.send({ to: CLIENT, body: 'Hi' })).rejects.toMatchObject({
      name: 'SmsGatewayUnavailableError',
      lastProblem: 'ECONNREFUSED',
      attempts: FAST_RETRY.attempts,
    });
  });
});

describe('the local Twilio stand-in', () => {
  let fake: FakeTwilio;
  let webhooks: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    fake = await startFakeTwilio({ authToken: AUTH_TOKEN });
    webhooks = await startWebhookReceiver();
  });
  afterAll(async () => {
    await fake.close();
    await new Promise((resolve) => webhooks.server.close(resolve));
  });

  it('sends inbound texts signed as Twilio signs them, and forged or unsigned ones on request', async () => {
    const url = `${webhooks.publicBaseUrl}/webhooks/twilio/inbound`;
    const sms = { from: CLIENT, to: '+447700900001', body: 'Yes 👍', messageSid: twilioSid('SM') };

    await fake.sendInbound(url, sms);
    await fake.sendInbound(url, sms, { authToken: 'someone-elses-token-000' });
    await fake.sendInbound(url, sms, { unsigned: true });

    expect(webhooks.received.map((r) => r.signedByTwilio)).toEqual([true, false, false]);
    expect(webhooks.received[0]!.params).toMatchObject({
      From: CLIENT,
      To: '+447700900001',
      Body: 'Yes 👍',
      MessageSid: sms.messageSid,
      SmsStatus: 'received',
    });
  });
});
