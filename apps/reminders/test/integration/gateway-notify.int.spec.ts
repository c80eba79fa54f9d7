import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotifySmsGateway, type NotifySmsGatewayOptions } from '../../src/gateway/notify-sms-gateway';
import type { RetryPolicy } from '../../src/gateway/retry';
import {
  SmsGatewayUnavailableError,
  SmsOutcomeUnknownError,
  SmsRejectedError,
} from '../../src/gateway/sms-gateway';

const SERVICE_ID = '5f3c2a1b-9d8e-4f7a-8b6c-0d1e2f3a4b5c';
const API_KEY = `careloop_test-${SERVICE_ID}-9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b`;
const TEMPLATE_ID = '0b6e9a54-6c3f-4f0e-9d55-7f1c8d1e2a3b';
const CLIENT = '+447700900123';
const FAST_RETRY: RetryPolicy = { attempts: 3, firstDelayMs: 100, maxDelayMs: 400 };

interface NotifyRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  receivedAt: number;
  answeredWith: number;
}

interface NotifyFailure {
  status: number;
  error: string;
  message: string;
}

/**
 * A stand-in for Notify's POST /v2/notifications/sms: answers 201 with a notification like Notify's,
 * or Notify's error body ({status_code, errors: [{error, message}]}) when told to fail.
 */
async function startFakeNotify() {
  const requests: NotifyRequest[] = [];
  const planned: { times: number; failure: NotifyFailure }[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const request: NotifyRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
        receivedAt: performance.now(),
        answeredWith: 0,
      };
      requests.push(request);
      const answer = (status: number, body: unknown) => {
        request.answeredWith = status;
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/v2/notifications/sms') {
        return answer(404, { status_code: 404, errors: [{ error: 'NotFound', message: 'Not Found' }] });
      }
      const plan = planned[0];
      if (plan) {
        if (--plan.times <= 0) planned.shift();
        const { status, error, message } = plan.failure;
        return answer(status, { status_code: status, errors: [{ error, message }] });
      }
      const id = randomUUID();
      return answer(201, {
        id,
        reference: request.body['reference'] ?? null,
        content: {
          body: (request.body['personalisation'] as { body: string }).body,
          from_number: 'Careloop',
        },
        uri: `https://api.notifications.service.gov.uk/v2/notifications/${id}`,
        template: {
          id: request.body['template_id'],
          version: 1,
          uri: `https://api.notifications.service.gov.uk/v2/template/${TEMPLATE_ID}`,
        },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    failNext: (times: number, failure: NotifyFailure) => planned.push({ times, failure }),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The claims of a JWT, read without verifying it (the stand-in only checks one was sent). */
function jwtClaims(authorization: string | undefined): Record<string, unknown> {
  const [, token] = /^Bearer (\S+)$/.exec(authorization ?? '') ?? [];
  const [, payload] = (token ?? '').split('.');
  return JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('the Notify gateway, through notifications-node-client, against a local Notify', () => {
  let fake: Awaited<ReturnType<typeof startFakeNotify>>;

  beforeEach(async () => {
    fake = await startFakeNotify();
  });
  afterEach(() => fake.close());

  const gateway = (options: Partial<NotifySmsGatewayOptions> = {}) =>
    new NotifySmsGateway({
      apiKey: API_KEY,
      templateId: TEMPLATE_ID,
      baseUrl: fake.baseUrl,
      rateLimit: { ratePerSecond: 10, burst: 10 },
      retry: FAST_RETRY,
      ...options,
    });

  it('sends our text as the template personalisation, to the recipient, with our reference and a signed token', async () => {
    const body = 'Hi Sam, see you Tue 3 Jun at 10:30. Call 01632 960123 to rearrange.';
    const reference = randomUUID();

    const accepted = await gateway().send({ to: CLIENT, body, reference });

    expect(accepted).toEqual({
      gatewayMessageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'queued',
    });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v2/notifications/sms', answeredWith: 201 });
    expect(request!.body).toEqual({
      template_id: TEMPLATE_ID,
      phone_number: CLIENT,
      personalisation: { body },
      reference,
    });
    expect(request!.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(jwtClaims(request!.headers.authorization)).toMatchObject({
      iss: SERVICE_ID,
      iat: expect.any(Number),
    });
    // The secret half of the key never travels.
    expect(JSON.stringify(request!.headers)).not.toContain('9e8d7c6b-5a4f');
  });

  it('waits and retries a 429 until Notify takes the message once', async () => {
    fake.failNext(2, {
      status: 429,
      error: 'RateLimitError',
      message: 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds',
    });

    await expect(gateway().send({ to: CLIENT, body: 'Hi' })).resolves.toMatchObject({ status: 'queued' });

    expect(fake.requests.map((r) => r.answeredWith)).toEqual([429, 429, 201]);
    const [first, second, third] = fake.requests.map((r) => r.receivedAt) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(50 - 2);
    expect(third - second).toBeGreaterThanOrEqual(100 - 2);
  });

  it('reports a number Notify refuses as rejected, with its reason, after one request', async () => {
    fake.failNext(1, {
      status: 400,
      error: 'ValidationError',
      message: 'phone_number Not a UK mobile number',
    });

    const sending = gateway().send({ to: CLIENT, body: 'Hi' });

    await expect(sending).rejects.toBeInstanceOf(SmsRejectedError);
    await expect(sending).rejects.toMatchObject({
      gateway: 'notify',
      code: 'ValidationError',
      reason: 'invalid_number',
      detail: 'phone_number Not a UK mobile number',
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('reports any other 400 as rejected without retrying', async () => {
    fake.failNext(1, {
      status: 400,
      error: 'BadRequestError',
      message: "Can't send to this recipient using a team-only API key",
    });

    await expect(gateway().send({ to: CLIENT, body: 'Hi' })).rejects.toMatchObject({
      name: 'SmsRejectedError',
      code: 'BadRequestError',
      reason: 'other',
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('gives up as unavailable when Notify keeps failing, after the bounded retries', async () => {
    fake.failNext(Infinity, { status: 503, error: 'Exception', message: 'Service unavailable' });

    const sending = gateway().send({ to: CLIENT, body: 'Hi' });

    await expect(sending).rejects.toBeInstanceOf(SmsGatewayUnavailableError);
    await expect(sending).rejects.toMatchObject({ attempts: 3, lastProblem: 'http_503 Exception' });
    expect(fake.requests).toHaveLength(FAST_RETRY.attempts);
  });

  it.each([500, 502, 504])(
    'never resends after a %i: Notify may have taken the message, so its outcome is unknown',
    async (status) => {
      fake.failNext(1, { status, error: 'Exception', message: 'Internal server error' });

      const sending = gateway().send({ to: CLIENT, body: 'Hi' });

      await expect(sending).rejects.toBeInstanceOf(SmsOutcomeUnknownError);
      await expect(sending).rejects.toMatchObject({ problem: `http_${status} Exception` });
      expect(fake.requests).toHaveLength(1);
    },
  );

  it('does not retry a refused key: no message can go until the configuration is fixed', async () => {
    fake.failNext(1, { status: 403, error: 'AuthError', message: 'Invalid token: API key not found' });

    await expect(gateway().send({ to: CLIENT, body: 'Hi' })).rejects.toMatchObject({
      name: 'SmsGatewayUnavailableError',
      lastProblem: 'http_403 AuthError',
      attempts: 1,
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('keeps to the rate: after the burst, one message every 1/rate seconds', async () => {
    const limited = gateway({ rateLimit: { ratePerSecond: 20, burst: 2 } });

    const started = performance.now();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => limited.send({ to: CLIENT, body: `Message ${i}` })),
    );

    expect(fake.requests).toHaveLength(10);
    expect(performance.now() - started).toBeGreaterThanOrEqual(((10 - 2) / 20) * 1000 - 2);
  });
});
