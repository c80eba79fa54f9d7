import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Client } from 'pg';
import type { Principal } from '@careloop/auth';
import {
  eventually,
  startFakeTwilio,
  type FakeTwilio,
  type ServiceProcess,
  type TestDatabase,
  type TestIdentityProvider,
  type WebhookAnswer,
} from '@careloop/testing';
import { aPrincipal, colleagueOf } from './principals';
import { ACROSS_KAFKA, freePort, startWithCast, type ServiceEnvironment } from './service-env';

/**
 * The reminders loop on the real infrastructure: referrals, booking and reminders as three processes
 * sharing one Postgres test database (each in its own schema), talking only through Kafka, trusting
 * tokens from a test identity provider over JWKS, reminders scheduling on BullMQ in Redis under its
 * own prefix and texting through the real `twilio` SDK pointed at a fake Twilio (startFakeTwilio),
 * which calls reminders' webhooks back at PUBLIC_BASE_URL, signed with the same auth token.
 */

export const REMINDERS_LOOP_START_TIMEOUT_MS = 180_000;
export const REMINDERS_LOOP_STOP_TIMEOUT_MS = 60_000;

/** The sender number reminders texts from (an Ofcom drama number): clients reply to it. */
export const TWILIO_FROM = '+447700900123';

export type RemindersLoopTokenHolder = 'keyworker' | 'clinicAdmin';

/** The reminders process of an environment, and the fake Twilio it texts through. */
export interface RemindersTexting {
  twilio: FakeTwilio;
  reminders: ServiceProcess;
  /** What Twilio is told to call: the reminders process's own URL (no proxy in between). */
  publicBaseUrl: string;
  /** The texts Twilio was asked to send to the number and created, oldest first. */
  textsTo(mobile: string): string[];
  /** The client texts `body` back from their mobile: Twilio posts it to reminders' inbound webhook, signed. */
  replyFrom(mobile: string, body: string): Promise<WebhookAnswer>;
}

export interface RemindersLoop extends RemindersTexting {
  idp: TestIdentityProvider;
  database: TestDatabase;
  referrals: ServiceProcess;
  booking: ServiceProcess;
  /** A connection to the shared test database, for what no API shows. */
  sql: Client;
  keyworker: Principal;
  clinicAdmin: Principal;
  tokens: Record<RemindersLoopTokenHolder, string>;
  /** Stops the processes and removes everything the environment created. Safe to call more than once. */
  stop(): Promise<void>;
}

// The real SDK signs and the webhooks verify with this; Twilio's tokens are 32 hex digits.
const TWILIO_AUTH_TOKEN = randomUUID().replaceAll('-', '');

/**
 * Starts the identity provider and a test database, then booking, the fake Twilio and reminders, and
 * referrals (the consumers before the publisher they wait for; each reads its topics from the
 * beginning anyway). If any step fails, whatever had started is stopped before the error is rethrown.
 */
export function startRemindersLoop(): Promise<RemindersLoop> {
  const keyworker = aPrincipal({ name: 'Alex Morgan', roles: ['drug_worker'] });
  const clinicAdmin = colleagueOf(keyworker, { name: 'Jo Bennett', roles: ['clinic_admin'] });
  return startWithCast('reminders', { keyworker, clinicAdmin }, async (environment) => {
    const booking = await environment.start('booking');
    const texting = await startRemindersTexting(environment);
    const referrals = await environment.start('referrals');
    return { ...texting, booking, referrals };
  });
}

/**
 * Starts a fake Twilio (closed when the environment stops), then reminders texting through it with the
 * real `twilio` SDK from TWILIO_FROM, quiet hours away from now; Twilio calls reminders' webhooks
 * back at its own URL, signed with the same auth token. Resolves to both, with what a client's phone
 * shows and sends.
 */
export async function startRemindersTexting(environment: ServiceEnvironment): Promise<RemindersTexting> {
  const twilio = await startFakeTwilio({ authToken: TWILIO_AUTH_TOKEN });
  environment.onStop(() => twilio.close());
  // Twilio must be told the URL before the process listens: pick the port first.
  const port = await freePort();
  const publicBaseUrl = `http://127.0.0.1:${port}`;
  const reminders = await environment.start('reminders', {
    PORT: String(port),
    LOG_LEVEL: 'debug',
    SMS_GATEWAY: 'twilio',
    TWILIO_API_BASE_URL: twilio.baseUrl,
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN,
    TWILIO_FROM,
    PUBLIC_BASE_URL: publicBaseUrl,
    REMINDER_QUIET_HOURS: quietHoursAwayFromNow(),
  });
  return {
    twilio,
    reminders,
    publicBaseUrl,
    textsTo: (mobile) =>
      twilio.requests.filter((r) => r.to === mobile && r.answeredWith === 201).map((r) => r.body ?? ''),
    replyFrom: (mobile, body) =>
      twilio.sendInbound(`${publicBaseUrl}/webhooks/twilio/inbound`, { from: mobile, to: TWILIO_FROM, body }),
  };
}

/** Waits (polling `within`) until the number has had `count` texts; resolves to the last. */
export const nthTextTo = (
  texting: Pick<RemindersTexting, 'textsTo'>,
  mobile: string,
  count: number,
  within = ACROSS_KAFKA,
): Promise<string> =>
  eventually(() => {
    const texts = texting.textsTo(mobile);
    expect(texts).toHaveLength(count);
    return texts[count - 1]!;
  }, within);

/**
 * Half an hour of quiet about twelve hours from now (London): a confirmation (or an offer) is sent at
 * once unless that falls in quiet hours, and the default 21:00-08:00 would make a test depend on the
 * hour it runs at. Moved an hour on when it would cover the day-based steps' times (10:00, 18:00),
 * which the reminders service refuses at boot.
 */
function quietHoursAwayFromNow(): string {
  let from = DateTime.now().setZone('Europe/London').plus({ hours: 12 });
  const covers = (time: string) => {
    const at = from.set({ hour: Number(time.slice(0, 2)), minute: Number(time.slice(3)) });
    return [at, at.plus({ days: 1 })].some((t) => t >= from && t < from.plus({ minutes: 30 }));
  };
  if (covers('10:00') || covers('18:00')) from = from.plus({ hours: 1 });
  return `${from.toFormat('HH:mm')}-${from.plus({ minutes: 30 }).toFormat('HH:mm')}`;
}
