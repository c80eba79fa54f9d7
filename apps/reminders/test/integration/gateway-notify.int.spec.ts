import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { NotifySmsGateway, type NotifySmsGatewayOptions } from '../../src/gateway/notify-sms-gateway';
import type { RetryPolicy } from '../../src/gateway/retry';
import {
  SmsGatewayUnavailableError,
  SmsOutcomeUnknownError,
  SmsRejectedError,
} from '../../src/gateway/sms-gateway';
import { ReceiptsModule } from '../../src/receipts/receipts.module';
import { SendingModule } from '../../src/sending/sending.module';
import { aBookedEvent, aTextableClient, remindersPlansWith } from '../support/plan-fixtures';
import { eventsAbout as outboxEventsAbout } from '../support/reminders-outbox';
import { useRemindersPlans } from '../support/use-reminders-plans';

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

/** A notification the stand-in created, as Notify keeps it. */
interface NotifyNotification {
  id: string;
  reference: string | null;
  phoneNumber: string;
  createdAt: string;
}

interface CallbackAnswer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * A stand-in for Notify's POST /v2/notifications/sms: answers 201 with a notification like Notify's,
 * or Notify's error body ({status_code, errors: [{error, message}]}) when told to fail.
 */
async function startFakeNotify() {
  const requests: NotifyRequest[] = [];
  const notifications: NotifyNotification[] = [];
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
      notifications.push({
        id,
        reference: (request.body['reference'] as string | undefined) ?? null,
        phoneNumber: request.body['phone_number'] as string,
        createdAt: new Date().toISOString(),
      });
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
    notifications,
    failNext: (times: number, failure: NotifyFailure) => planned.push({ times, failure }),
    /**
     * Posts a delivery receipt for a notification to the service's callback URL as Notify does:
     * JSON, with the bearer token set in the service's callback settings (none: no header).
     */
    async sendDeliveryReceipt(
      callback: { url: string; bearerToken: string | null },
      notification: NotifyNotification,
      status: string,
    ): Promise<CallbackAnswer> {
      const completedAt = new Date().toISOString();
      const response = await fetch(callback.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(callback.bearerToken ? { authorization: `Bearer ${callback.bearerToken}` } : {}),
        },
        body: JSON.stringify({
          id: notification.id,
          reference: notification.reference,
          to: notification.phoneNumber,
          status,
          created_at: notification.createdAt,
          completed_at: completedAt,
          sent_at: notification.createdAt,
          notification_type: 'sms',
        }),
      });
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        body: await response.text(),
      };
    },
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

const CALLBACK_TOKEN = 'notify-callback-token-0123456789';

interface TextRow {
  id: string;
  gateway: string;
  gateway_message_id: string | null;
  status: string;
  error_code: string | null;
}

/**
 * Notify's delivery receipts: reminders sent by the real worker through notifications-node-client to
 * the local Notify, whose receipts come back to POST /webhooks/notify/status with the callback token,
 * over HTTP on real Postgres.
 */
describe('delivery receipts from Notify', () => {
  let fake: Awaited<ReturnType<typeof startFakeNotify>>;
  const clock = new ManualClock('2026-03-20T12:00:00Z');

  beforeAll(async () => {
    fake = await startFakeNotify();
  });

  const h = useRemindersPlans({
    database: 'reminders_notify_receipts',
    clock,
    module: remindersPlansWith(SendingModule, ReceiptsModule),
    env: () => ({
      SMS_GATEWAY: 'notify',
      NOTIFY_API_KEY: API_KEY,
      NOTIFY_SMS_TEMPLATE_ID: TEMPLATE_ID,
      NOTIFY_BASE_URL: fake.baseUrl,
      NOTIFY_CALLBACK_TOKEN: CALLBACK_TOKEN,
    }),
  });
  afterAll(() => fake?.close());

  const callback = (bearerToken: string | null = CALLBACK_TOKEN) => ({
    url: `${h.running.url}/webhooks/notify/status`,
    bearerToken,
  });
  let numbers = 0;

  /** A client's confirmation, sent through Notify: its row and the notification Notify made of it. */
  async function aConfirmationSentThroughNotify() {
    const clientId = randomUUID();
    const mobile = `+4477009003${String(numbers++).padStart(2, '0')}`;
    await h.publish(
      ...aTextableClient(clientId, mobile),
      aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' }),
    );
    const text = await eventually(async () => {
      const [row] = await h.dataSource.query<TextRow[]>(
        `SELECT "id", "gateway", "gateway_message_id", "status", "error_code"
           FROM "reminders"."sms_message" WHERE "client_id" = $1`,
        [clientId],
      );
      expect(row).toMatchObject({ status: 'queued' });
      return row!;
    });
    const notification = fake.notifications.find((n) => n.phoneNumber === mobile)!;
    return { clientId, text, notification };
  }
  const stateOf = async (text: TextRow) =>
    (
      await h.dataSource.query<TextRow[]>(
        `SELECT "id", "gateway", "gateway_message_id", "status", "error_code"
           FROM "reminders"."sms_message" WHERE "id" = $1`,
        [text.id],
      )
    )[0];
  const eventsAbout = (clientId: string) => outboxEventsAbout(h.dataSource, clientId);

  it('sends with our message id as the reference, and a delivered receipt moves the text to delivered, once', async () => {
    const { clientId, text, notification } = await aConfirmationSentThroughNotify();
    expect(text).toMatchObject({ gateway: 'notify', gateway_message_id: notification.id });
    expect(notification.reference).toBe(text.id);

    const answer = await fake.sendDeliveryReceipt(callback(), notification, 'delivered');
    // Notify retries a callback it got no answer to: the repeat raises nothing more.
    await fake.sendDeliveryReceipt(callback(), notification, 'delivered');

    expect(answer.status).toBe(200);
    expect(await stateOf(text)).toMatchObject({ status: 'delivered', error_code: null });
    const events = await eventsAbout(clientId);
    expect(events.map((e) => e.type)).toEqual(['reminder.sent.v1', 'reminder.delivered.v1']);
    expect(events[1]).toMatchObject({
      subjectId: clientId,
      actor: { kind: 'system', id: 'notify' },
      data: { messageId: text.id, clientId, step: 'confirmation', at: clock.now().toISOString() },
    });
  });

  it.each([
    ['permanent-failure', 'failed'],
    ['temporary-failure', 'undelivered'],
    ['technical-failure', 'failed'],
  ])('a %s receipt makes the text %s and tells the keyworker, once', async (notifyStatus, ours) => {
    const { clientId, text, notification } = await aConfirmationSentThroughNotify();

    await fake.sendDeliveryReceipt(callback(), notification, notifyStatus);
    // Notify retries a callback it got no answer to: the repeat changes nothing.
    await fake.sendDeliveryReceipt(callback(), notification, notifyStatus);
    await fake.sendDeliveryReceipt(callback(), notification, 'delivered');

    expect(await stateOf(text)).toMatchObject({ status: ours, error_code: notifyStatus });
    const events = await eventsAbout(clientId);
    expect(events.map((e) => e.type)).toEqual(['reminder.sent.v1', 'reminder.delivery-failed.v1']);
    expect(events[1]).toMatchObject({
      actor: { kind: 'system', id: 'notify' },
      data: { messageId: text.id, clientId, outcome: ours, errorCode: notifyStatus },
    });
  });

  it.each([
    ['no token', null],
    ['another token', 'not-our-callback-token-0123456789'],
  ])('refuses a receipt with %s: 403, nothing changes', async (_case, bearerToken) => {
    const { clientId, text, notification } = await aConfirmationSentThroughNotify();

    const answer = await fake.sendDeliveryReceipt(callback(bearerToken), notification, 'permanent-failure');

    expect(answer.status).toBe(403);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'NOTIFY_CALLBACK_TOKEN_INVALID' });
    expect(await stateOf(text)).toEqual(text);
    expect((await eventsAbout(clientId)).map((e) => e.type)).toEqual(['reminder.sent.v1']);
  });

  it('answers 200 and changes nothing for a notification that is not ours, or a status we do not map', async () => {
    const { clientId, text, notification } = await aConfirmationSentThroughNotify();
    const elsewhere = { ...notification, id: randomUUID(), reference: 'invoice-2026-0042' };
    const unreferenced = { ...notification, id: randomUUID(), reference: null };
    const nobodys = { ...notification, id: randomUUID(), reference: randomUUID() };

    for (const other of [elsewhere, unreferenced, nobodys]) {
      expect((await fake.sendDeliveryReceipt(callback(), other, 'permanent-failure')).status).toBe(200);
    }
    expect((await fake.sendDeliveryReceipt(callback(), notification, 'pending')).status).toBe(200);

    expect(await stateOf(text)).toEqual(text);
    expect((await eventsAbout(clientId)).map((e) => e.type)).toEqual(['reminder.sent.v1']);
  });

  it('refuses a receipt without the fields Notify sends: 400, nothing changes', async () => {
    const { text } = await aConfirmationSentThroughNotify();

    const response = await fetch(callback().url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${CALLBACK_TOKEN}` },
      body: JSON.stringify({ reference: text.id, status: 'permanent-failure' }),
    });

    expect(response.status).toBe(400);
    expect(await stateOf(text)).toEqual(text);
  });
});
