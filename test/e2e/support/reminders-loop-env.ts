import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import type { Principal } from '@careloop/auth';
import { TOPICS, deadLetterTopic } from '@careloop/contracts';
import {
  createTestDatabase,
  deleteRedisKeys,
  deleteTopics,
  kafkaBrokers,
  redisUrl,
  startFakeTwilio,
  startServiceProcess,
  startTestIdentityProvider,
  uniqueRedisPrefix,
  uniqueTestId,
  withKafkaAdmin,
  type FakeTwilio,
  type ServiceProcess,
  type TestDatabase,
  type TestIdentityProvider,
} from '@careloop/testing';

/**
 * The reminders loop on the real infrastructure: referrals, booking and reminders as three processes
 * sharing one Postgres test database (each in its own schema), talking only through Kafka, trusting
 * tokens from a test identity provider over JWKS, reminders scheduling on BullMQ in Redis under its
 * own prefix and texting through the real `twilio` SDK pointed at a fake Twilio (startFakeTwilio),
 * which calls reminders' webhooks back at PUBLIC_BASE_URL, signed with the same auth token.
 *
 * Built like walking-skeleton-env.ts (whose environment has no reminders and does not expose its
 * topic prefix, so it cannot be extended from outside).
 */

export const REMINDERS_LOOP_START_TIMEOUT_MS = 180_000;
export const REMINDERS_LOOP_STOP_TIMEOUT_MS = 60_000;

/** The sender number reminders texts from (an Ofcom drama number): clients reply to it. */
export const TWILIO_FROM = '+447700900123';

export type RemindersLoopTokenHolder = 'keyworker' | 'clinicAdmin';

export interface RemindersLoop {
  idp: TestIdentityProvider;
  database: TestDatabase;
  twilio: FakeTwilio;
  referrals: ServiceProcess;
  booking: ServiceProcess;
  reminders: ServiceProcess;
  /** What Twilio is told to call: the reminders process's own URL here (no proxy in between). */
  publicBaseUrl: string;
  /** A connection to the shared test database, for what no API shows. */
  sql: Client;
  keyworker: Principal;
  clinicAdmin: Principal;
  tokens: Record<RemindersLoopTokenHolder, string>;
  /** Stops the processes and removes everything the environment created. Safe to call more than once. */
  stop(): Promise<void>;
}

const ISSUER = 'https://idp.careloop.test/';
// The real SDK signs and the webhooks verify with this; Twilio's tokens are 32 hex digits.
const TWILIO_AUTH_TOKEN = randomUUID().replaceAll('-', '');

/**
 * Starts the identity provider, the fake Twilio, a test database, then booking, reminders and
 * referrals (the consumers before the publisher they wait for; each reads its topics from the
 * beginning anyway). If any step fails, whatever had started is stopped before the error is rethrown.
 */
export async function startRemindersLoop(): Promise<RemindersLoop> {
  const orgId = randomUUID();
  const keyworker: Principal = {
    userId: randomUUID(),
    name: 'Alex Morgan',
    roles: ['drug_worker'],
    orgId,
    orgKind: 'cdas',
    siteIds: [randomUUID()],
  };
  const clinicAdmin: Principal = {
    ...keyworker,
    userId: randomUUID(),
    name: 'Jo Bennett',
    roles: ['clinic_admin'],
  };

  let idp: TestIdentityProvider | undefined;
  let twilio: FakeTwilio | undefined;
  let database: TestDatabase | undefined;
  let referrals: ServiceProcess | undefined;
  let booking: ServiceProcess | undefined;
  let reminders: ServiceProcess | undefined;
  let sql: Client | undefined;
  const topicPrefix = `${uniqueTestId('e2e-rem')}.`;
  const groupPrefix = `${uniqueTestId('e2e-rem')}.`;
  const redisPrefix = uniqueRedisPrefix('e2e-reminders');
  const tokens: Record<RemindersLoopTokenHolder, string> = { keyworker: '', clinicAdmin: '' };

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      await sql?.end().catch(() => undefined);
      await Promise.allSettled([referrals?.stop(), booking?.stop(), reminders?.stop()]);
      await Promise.allSettled([
        database?.drop(),
        idp?.close(),
        twilio?.close(),
        deleteRedisKeys(redisPrefix),
        deleteTopics(
          Object.values(TOPICS).flatMap((t) => [`${topicPrefix}${t}`, `${topicPrefix}${deadLetterTopic(t)}`]),
        ),
        // Every service consumes; their groups are empty once the processes have stopped.
        ...['booking', 'reminders', 'referrals'].map((group) =>
          withKafkaAdmin((admin) => admin.deleteGroups([`${groupPrefix}${group}`])),
        ),
      ]);
    })());

  try {
    idp = await startTestIdentityProvider({ issuer: ISSUER, audience: 'careloop' });
    twilio = await startFakeTwilio({ authToken: TWILIO_AUTH_TOKEN });
    database = await createTestDatabase('e2e_reminders');
    const env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_GROUP_PREFIX: groupPrefix,
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: redisPrefix,
      AUTH_ISSUER: idp.issuer,
      AUTH_AUDIENCE: idp.audience,
      AUTH_JWKS_URL: idp.jwksUrl,
      DEV_IDP: undefined,
      OUTBOX_POLL_MS: '50',
      LOG_LEVEL: 'info',
    };
    booking = await startServiceProcess('booking', env);
    // Twilio must be told the URL before the process listens: pick the port first.
    const port = await freePort();
    const publicBaseUrl = `http://127.0.0.1:${port}`;
    reminders = await startServiceProcess('reminders', {
      ...env,
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
    referrals = await startServiceProcess('referrals', env);
    sql = new Client({ connectionString: database.url, application_name: 'careloop-e2e-reminders' });
    await sql.connect();
    tokens.keyworker = await idp.tokenFor(keyworker);
    tokens.clinicAdmin = await idp.tokenFor(clinicAdmin);
    return {
      idp,
      database,
      twilio,
      referrals,
      booking,
      reminders,
      publicBaseUrl,
      sql,
      keyworker,
      clinicAdmin,
      tokens,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Half an hour of quiet twelve hours from now (London): a confirmation is sent at booking time
 * unless that falls in quiet hours, and the default 21:00-08:00 would make this test depend on the
 * hour it runs at.
 */
function quietHoursAwayFromNow(): string {
  const from = DateTime.now().setZone('Europe/London').plus({ hours: 12 });
  return `${from.toFormat('HH:mm')}-${from.plus({ minutes: 30 }).toFormat('HH:mm')}`;
}

/** A port nothing listens on right now (the OS's pick), for a process that must know its URL first. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('No port was assigned'))));
    });
  });
}
