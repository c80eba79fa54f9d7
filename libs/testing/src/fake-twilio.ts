import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

const API_VERSION = '2010-04-01';
const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;

export interface FakeTwilioOptions {
  /** The auth token the SDK must present and that signs the webhooks the fake sends. */
  authToken: string;
  /** Defaults to a random AC… sid. */
  accountSid?: string;
  /** The number a messaging service "picks" from its pool, shown as From in callbacks. */
  poolNumber?: string;
}

/** One POST to the Messages API, whatever the fake answered. */
export interface FakeTwilioRequest {
  /** The account in the URL. */
  accountSid: string;
  to: string | null;
  body: string | null;
  from: string | null;
  messagingServiceSid: string | null;
  statusCallback: string | null;
  /** The Basic credentials presented, if any. */
  auth: { username: string; password: string } | null;
  /** performance.now() of this process when the request arrived. */
  receivedAt: number;
  /** The HTTP status the fake answered; null while a stalled request is held. */
  answeredWith: number | null;
  /** The created message's sid, when it was created. */
  messageSid: string | null;
  /** The answer to the status callback posted before this request was answered (callbackBeforeResponseNext). */
  callbackBeforeResponse: Promise<WebhookAnswer> | null;
}

export interface EarlyCallbackOptions {
  /**
   * How long the answer to the send waits for the callback's own answer, at most (default 500 ms): a
   * service that holds the callback until it has recorded the send must not wait for ever.
   */
  holdMs?: number;
  errorCode?: number;
}

/** Twilio's JSON error: {code, message, more_info, status}. */
export interface FakeTwilioFailure {
  status: number;
  code: number;
  message?: string;
}

export interface WebhookAnswer {
  status: number;
  contentType: string;
  body: string;
}

export interface SigningOptions {
  /** Sign with another token: a forged request the webhook must refuse. */
  authToken?: string;
  /** Send no X-Twilio-Signature at all. */
  unsigned?: boolean;
}

export interface InboundSms {
  from: string;
  to: string;
  body: string;
  /** Defaults to a fresh SM… sid; repeat one to replay a delivery. */
  messageSid?: string;
  messagingServiceSid?: string;
  /** More parameters as Twilio would add them (e.g. OptOutType: 'STOP'). */
  extra?: Record<string, string>;
}

export interface FakeTwilio {
  /** Point the SDK here (TWILIO_API_BASE_URL). */
  readonly baseUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  /** Every Messages request received, oldest first. */
  readonly requests: readonly FakeTwilioRequest[];
  /** Answers the next `times` requests (Infinity: all) with this error instead of creating a message. */
  failNext(times: number, failure: FakeTwilioFailure): void;
  /** Records the next `times` requests and never answers them (until close): a send whose fate is unknown. */
  stallNext(times: number): void;
  /**
   * For the next message created, posts its status callback with `status` BEFORE answering the
   * create request, as Twilio can when its answer is slow to arrive: a receipt that overtakes the
   * API's answer. The answer follows once the callback is answered, or after `holdMs`.
   */
  callbackBeforeResponseNext(status: string, options?: EarlyCallbackOptions): void;
  /** POSTs a status callback for a created message to its StatusCallback URL, signed like Twilio's. */
  sendStatusCallback(
    messageSid: string,
    status: string,
    errorCode?: number,
    signing?: SigningOptions,
  ): Promise<WebhookAnswer>;
  /** POSTs an inbound text to `url` with Twilio's parameters, signed like Twilio's. */
  sendInbound(url: string, sms: InboundSms, signing?: SigningOptions): Promise<WebhookAnswer>;
  close(): Promise<void>;
}

interface CreatedMessage {
  sid: string;
  to: string;
  from: string;
  messagingServiceSid: string | null;
  statusCallback: string | null;
}

const ERROR_MESSAGES: Record<number, string> = {
  20003: 'Authenticate',
  20404: 'The requested resource was not found',
  20429: 'Too Many Requests',
  20500: 'An internal server error has occurred',
  21211: "The 'To' number is not a valid phone number.",
  21602: 'Message body is required.',
  21603: "A 'From' or 'MessagingServiceSid' parameter is required to send a message.",
  21604: "A 'To' phone number is required.",
  21610: 'Attempt to send to unsubscribed recipient',
};

/** A Twilio sid: two letters and 32 hex digits. */
export function twilioSid(prefix: 'AC' | 'SM' | 'MG'): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}

/**
 * A local stand-in for Twilio's Messages API and its webhooks, for running the real `twilio` SDK in
 * tests. It answers POST /2010-04-01/Accounts/{sid}/Messages.json like Twilio (Basic auth checked, a
 * message resource with an SM sid in status queued, Twilio's JSON errors), records what it received,
 * fails or stalls on request, can post a message's status callback before answering its send, and
 * sends status callbacks and inbound texts signed with
 * X-Twilio-Signature by the SDK's own getExpectedTwilioSignature.
 */
export async function startFakeTwilio(options: FakeTwilioOptions): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? twilioSid('AC');
  const poolNumber = options.poolNumber ?? '+447700900000';
  const requests: FakeTwilioRequest[] = [];
  const messages = new Map<string, CreatedMessage>();
  const planned: { times: number; failure: FakeTwilioFailure | 'stall' }[] = [];
  const earlyCallbacks: ({ status: string } & EarlyCallbackOptions)[] = [];

  const nextPlanned = (): FakeTwilioFailure | 'stall' | undefined => {
    const head = planned[0];
    if (!head) return undefined;
    head.times -= 1;
    if (head.times <= 0) planned.shift();
    return head.failure;
  };

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => answer(req, raw, res))
      .catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
  });

  const answer = (req: IncomingMessage, raw: string, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://fake-twilio').pathname;
    const match = req.method === 'POST' ? MESSAGES_PATH.exec(path) : null;
    if (!match) return sendError(res, { status: 404, code: 20404 });

    const form = new URLSearchParams(raw);
    const auth = basicAuth(req.headers.authorization);
    const request: FakeTwilioRequest = {
      accountSid: decodeURIComponent(match[1] ?? ''),
      to: form.get('To'),
      body: form.get('Body'),
      from: form.get('From'),
      messagingServiceSid: form.get('MessagingServiceSid'),
      statusCallback: form.get('StatusCallback'),
      auth,
      receivedAt: performance.now(),
      answeredWith: null,
      messageSid: null,
      callbackBeforeResponse: null,
    };
    requests.push(request);
    const fail = (failure: FakeTwilioFailure) => {
      request.answeredWith = failure.status;
      sendError(res, failure);
    };

    if (!auth || auth.username !== accountSid || auth.password !== options.authToken) {
      return fail({ status: 401, code: 20003 });
    }
    if (request.accountSid !== accountSid) return fail({ status: 404, code: 20404 });
    const plan = nextPlanned();
    if (plan === 'stall') return; // held open: close() drops it
    if (plan) return fail(plan);
    if (!request.to) return fail({ status: 400, code: 21604 });
    if (!request.body) return fail({ status: 400, code: 21602 });
    if (!request.from && !request.messagingServiceSid) return fail({ status: 400, code: 21603 });

    const sid = twilioSid('SM');
    const now = rfc2822(new Date());
    const message: CreatedMessage = {
      sid,
      to: request.to,
      from: request.from ?? poolNumber,
      messagingServiceSid: request.messagingServiceSid,
      statusCallback: request.statusCallback,
    };
    messages.set(sid, message);
    request.messageSid = sid;
    const early = earlyCallbacks.shift();
    if (!early) return created(res, request, now);
    const callback = postStatusCallback(message, early.status, early.errorCode);
    request.callbackBeforeResponse = callback;
    const held = new Promise((resolve) => setTimeout(resolve, early.holdMs ?? 500));
    void Promise.race([callback.catch(() => undefined), held]).then(() => created(res, request, now));
  };

  const created = (res: ServerResponse, request: FakeTwilioRequest, now: string): void => {
    request.answeredWith = 201;
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        account_sid: accountSid,
        api_version: API_VERSION,
        body: request.body,
        date_created: now,
        date_sent: null,
        date_updated: now,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: request.from,
        messaging_service_sid: request.messagingServiceSid,
        num_media: '0',
        num_segments: '1',
        price: null,
        price_unit: 'USD',
        sid: request.messageSid,
        status: 'queued',
        subresource_uris: {
          media: `/${API_VERSION}/Accounts/${accountSid}/Messages/${request.messageSid}/Media.json`,
        },
        to: request.to,
        uri: `/${API_VERSION}/Accounts/${accountSid}/Messages/${request.messageSid}.json`,
      }),
    );
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const post = async (url: string, params: Record<string, string>, signing: SigningOptions = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (!signing.unsigned) {
      headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(
        signing.authToken ?? options.authToken,
        url,
        params,
      );
    }
    const response = await fetch(url, { method: 'POST', headers, body: new URLSearchParams(params) });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: await response.text(),
    };
  };

  const postStatusCallback = async (
    message: CreatedMessage,
    status: string,
    errorCode?: number,
    signing?: SigningOptions,
  ): Promise<WebhookAnswer> => {
    if (!message.statusCallback) throw new Error(`Message ${message.sid} was sent without a StatusCallback`);
    return post(
      message.statusCallback,
      {
        AccountSid: accountSid,
        ApiVersion: API_VERSION,
        From: message.from,
        MessageSid: message.sid,
        MessageStatus: status,
        SmsSid: message.sid,
        SmsStatus: status,
        To: message.to,
        ...(message.messagingServiceSid ? { MessagingServiceSid: message.messagingServiceSid } : {}),
        ...(errorCode === undefined ? {} : { ErrorCode: String(errorCode) }),
      },
      signing,
    );
  };

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    accountSid,
    authToken: options.authToken,
    requests,
    failNext(times, failure) {
      planned.push({ times, failure });
    },
    stallNext(times) {
      planned.push({ times, failure: 'stall' });
    },
    callbackBeforeResponseNext(status, early = {}) {
      earlyCallbacks.push({ status, ...early });
    },
    async sendStatusCallback(messageSid, status, errorCode, signing) {
      const message = messages.get(messageSid);
      if (!message) throw new Error(`The fake Twilio created no message ${messageSid}`);
      return postStatusCallback(message, status, errorCode, signing);
    },
    async sendInbound(url, sms, signing) {
      const sid = sms.messageSid ?? twilioSid('SM');
      return post(
        url,
        {
          ToCountry: 'GB',
          ToState: '',
          SmsMessageSid: sid,
          NumMedia: '0',
          ToCity: '',
          FromZip: '',
          SmsSid: sid,
          FromState: '',
          SmsStatus: 'received',
          FromCity: '',
          Body: sms.body,
          FromCountry: 'GB',
          To: sms.to,
          ToZip: '',
          NumSegments: '1',
          MessageSid: sid,
          AccountSid: accountSid,
          From: sms.from,
          ApiVersion: API_VERSION,
          ...(sms.messagingServiceSid ? { MessagingServiceSid: sms.messagingServiceSid } : {}),
          ...sms.extra,
        },
        signing,
      );
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

function sendError(res: ServerResponse, failure: FakeTwilioFailure): void {
  res.writeHead(failure.status, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      code: failure.code,
      message: failure.message ?? ERROR_MESSAGES[failure.code] ?? 'Error',
      more_info: `https://www.twilio.com/docs/errors/${failure.code}`,
      status: failure.status,
    }),
  );
}

function basicAuth(header: string | undefined): FakeTwilioRequest['auth'] {
  const match = /^Basic (.+)$/.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// Twilio's dates: "Mon, 01 Jun 2026 09:00:00 +0000".
function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}
