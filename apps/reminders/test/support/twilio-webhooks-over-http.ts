import { randomBytes, randomUUID } from 'node:crypto';
import { Module, type Type } from '@nestjs/common';
import twilio from 'twilio';
import type { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import { loadRuntimeConfig, startServices } from '@careloop/runtime';
import { freePort, useServiceOverHttp } from '@careloop/testing';
import type { Clock } from '@careloop/time';
import { REMINDERS_SCHEMA } from '../../src/reminders-schema';
import { remindersService } from '../../src/reminders.service';

export { eventsAbout } from './reminders-outbox';

/** The URL Twilio is given (and signs): the service itself listens elsewhere, as behind a proxy. */
export const PUBLIC_BASE_URL = 'https://reminders.careloop.test';
export const TWILIO_AUTH_TOKEN = 'test-auth-token-0123456789abcdef';

export interface WebhookAnswer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * How a request is signed: as Twilio would (the default), not at all, or with something wrong: another
 * auth token, another URL, or fields other than those posted.
 */
export type Signing =
  'twilio' | 'unsigned' | { token?: string; url?: string; params?: Record<string, string> };

export interface TwilioWebhooksOverHttp {
  readonly dataSource: DataSource;
  /** Where the service really listens (http://127.0.0.1:<port>), not the public URL Twilio signs. */
  readonly localUrl: string;
  /** Posts JSON to a staff route as `who`, with a token from the test identity provider. */
  postAs(who: Principal, path: string, body: unknown): Promise<WebhookAnswer>;
  /** Posts form fields to a webhook path, signed over PUBLIC_BASE_URL + path unless told otherwise. */
  post(path: string, params: Record<string, string>, signing?: Signing): Promise<WebhookAnswer>;
}

/**
 * The reminders service over HTTP with only `modules` mounted, on real Postgres, with a Twilio auth
 * token and public URL configured. Started before the spec's tests and stopped after them.
 */
export function useTwilioWebhooksOverHttp(options: {
  database: string;
  modules: Type[];
  clock?: Clock;
  /** Listen at the public URL itself (no proxy), for requests signed over the URL they go to. */
  listenAtPublicUrl?: boolean;
}): TwilioWebhooksOverHttp {
  @Module({ imports: [MessagingModule.forService(REMINDERS_SCHEMA), ...options.modules] })
  class RoutesUnderTest {}
  const service = { ...remindersService, module: RoutesUnderTest, usesScheduler: false };

  const reminders = useServiceOverHttp({
    name: 'Reminders',
    database: options.database,
    env: async () => {
      const port = options.listenAtPublicUrl ? await freePort() : 0;
      return {
        PORT: String(port),
        SMS_GATEWAY: 'dev_inbox',
        PUBLIC_BASE_URL: port ? `http://127.0.0.1:${port}` : PUBLIC_BASE_URL,
        TWILIO_AUTH_TOKEN,
      };
    },
    start: (env) => startServices([service], loadRuntimeConfig(env), { clock: options.clock }),
  });

  const answerOf = async (response: Response): Promise<WebhookAnswer> => ({
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
  });

  return {
    get dataSource() {
      return reminders.served.app.get(Database).dataSource;
    },
    get localUrl() {
      return reminders.served.url;
    },
    async post(path, params, signing = 'twilio') {
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      if (signing !== 'unsigned') {
        const wrong = signing === 'twilio' ? {} : signing;
        headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(
          wrong.token ?? TWILIO_AUTH_TOKEN,
          wrong.url ?? `${PUBLIC_BASE_URL}${path}`,
          wrong.params ?? params,
        );
      }
      const response = await fetch(`${reminders.served.url}${path}`, {
        method: 'POST',
        headers,
        body: new URLSearchParams(params).toString(),
      });
      return answerOf(response);
    },
    async postAs(who, path, body) {
      const url = `${reminders.served.url}${path}`;
      const token = await reminders.tokenFor(who);
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return answerOf(response);
    },
  };
}

/** A Twilio message SID (SM + 32 hex digits), new each time. */
export function aMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

let mobiles = 0;

/** A drama-range UK mobile (07700 900000-900999) in E.164, a different one each time. */
export function aMobile(): string {
  return `+447700900${String(mobiles++ % 1000).padStart(3, '0')}`;
}

export interface ClientRow {
  clientId: string;
  orgId: string;
  mobile: string | null;
}

/** A client of reminders' projection, with SMS consent and a safe number unless told otherwise. */
export async function aClient(ds: DataSource, overrides: Partial<ClientRow> = {}): Promise<ClientRow> {
  const client: ClientRow = {
    clientId: randomUUID(),
    orgId: 'org-riverside-cdas',
    mobile: aMobile(),
    ...overrides,
  };
  await ds.query(
    `INSERT INTO "reminders"."client" ("client_id", "org_id", "version", "given_name", "keyworker_id",
       "mobile", "mobile_safe_to_text", "sms_consent", "updated_at")
     VALUES ($1, $2, 1, 'Sam', 'user-keyworker', $3, true, true, now())`,
    [client.clientId, client.orgId, client.mobile],
  );
  return client;
}

export interface TextRow {
  id: string;
  appointmentId: string;
  gatewayMessageId: string;
}

/**
 * A reminder we texted the client for an appointment of theirs, at `sentAt`, as the gateway took it;
 * with `offerExpiresAt`, the text of an in-reach offer held for them until then.
 */
export async function aReminderText(
  ds: DataSource,
  client: ClientRow,
  options: { sentAt: Date; status?: string; to?: string; gatewayMessageId?: string; offerExpiresAt?: Date },
): Promise<TextRow> {
  const appointmentId = randomUUID();
  const reminderId = randomUUID();
  const text: TextRow = {
    id: randomUUID(),
    appointmentId,
    gatewayMessageId: options.gatewayMessageId ?? aMessageSid(),
  };
  const offer = options.offerExpiresAt;
  await ds.query(
    `INSERT INTO "reminders"."appointment" ("appointment_id", "org_id", "client_id", "status", "starts_at",
       "location", "provider_name", "service_type", "version", "last_event_at", "offer_id", "offer_expires_at")
     VALUES ($1, $2, $3, $5, $4, 'Riverside Health Centre', 'Riverside GP', 'gp', 1, $4, $6, $7)`,
    [
      appointmentId,
      client.orgId,
      client.clientId,
      new Date(options.sentAt.getTime() + 86_400_000),
      offer ? 'offered' : 'booked',
      offer ? randomUUID() : null,
      offer ?? null,
    ],
  );
  await ds.query(
    `INSERT INTO "reminders"."reminder" ("id", "appointment_id", "client_id", "org_id", "step",
       "appointment_version", "due_at", "status", "created_at", "updated_at")
     VALUES ($1, $2, $3, $4, $6, 1, $5, 'sent', $5, $5)`,
    [
      reminderId,
      appointmentId,
      client.clientId,
      client.orgId,
      options.sentAt,
      offer ? 'offer' : 'evening_before',
    ],
  );
  await ds.query(
    `INSERT INTO "reminders"."sms_message" ("id", "reminder_id", "client_id", "org_id", "appointment_id",
       "to", "body", "encoding", "segments", "gateway", "gateway_message_id", "status", "created_at",
       "sent_at", "status_updated_at")
     VALUES ($1, $2, $3, $4, $5, $6, 'Hi Sam, see you tomorrow at 10:30. Reply Y to confirm.', 'GSM-7', 1,
       'twilio', $7, $8, $9, $9, $9)`,
    [
      text.id,
      reminderId,
      client.clientId,
      client.orgId,
      appointmentId,
      options.to ?? client.mobile,
      text.gatewayMessageId,
      options.status ?? 'queued',
      options.sentAt,
    ],
  );
  return text;
}
