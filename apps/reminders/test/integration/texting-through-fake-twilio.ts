import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@careloop/contracts';
import { freePort, startFakeTwilio, twilioSid, type FakeTwilio } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { InboundModule } from '../../src/inbound/inbound.module';
import { REMINDERS_QUEUE, reminderJobId } from '../../src/plan/reminder-jobs';
import { SendingModule } from '../../src/sending/sending.module';
import { aTextableClient, remindersPlansWith } from '../support/plan-fixtures';
import { reminderSteps } from '../support/reminder-steps';
import { eventsAbout as outboxEventsAbout } from '../support/reminders-outbox';
import { useRemindersPlans } from '../support/use-reminders-plans';

const AUTH_TOKEN = 'fake-twilio-auth-token-0123456789';
export const MESSAGING_SERVICE = twilioSid('MG');
/** The number clients text back. */
export const TWILIO_NUMBER = '+447700900999';
const FAST_JOBS = { concurrency: 2, maxAttempts: 3, backoffMs: 200 };

/** Envelope overrides: the event happened at `iso`. */
export const at = (iso: string) => ({ occurredAt: iso });

/** The same event twice: redelivered as it was, and sent again with a new id. */
export const redelivered = (event: EventEnvelope): EventEnvelope[] => [event, { ...event, id: randomUUID() }];

/**
 * The reminders service texting clients for real: projections, plans, sending and inbound replies on
 * real Postgres, jobs on BullMQ on the real Redis, the real Twilio adapter (the SDK) talking to a local
 * fake Twilio, whose signed inbound webhook posts clients' replies back to the service over HTTP.
 * Started before the spec's tests, stopped after them; each test starts with the clock at `startAt`.
 */
export function useRemindersTextingThroughFakeTwilio(options: {
  /** Labels of the spec's own database and BullMQ keys. */
  database: string;
  redis: string;
  startAt: string;
}) {
  const clock = new ManualClock(options.startAt);
  let fake: FakeTwilio | undefined;

  beforeAll(async () => {
    fake = await startFakeTwilio({ authToken: AUTH_TOKEN });
  });

  const h = useRemindersPlans({
    database: options.database,
    redis: options.redis,
    clock,
    module: remindersPlansWith(SendingModule.withJobPolicy(FAST_JOBS), InboundModule),
    env: async () => {
      // Twilio signs the URL it posts to: the service listens at its public URL itself.
      const port = await freePort();
      return {
        PORT: String(port),
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        SMS_GATEWAY: 'twilio',
        TWILIO_ACCOUNT_SID: started().accountSid,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_MESSAGING_SERVICE_SID: MESSAGING_SERVICE,
        TWILIO_API_BASE_URL: started().baseUrl,
      };
    },
  });
  afterAll(() => fake?.close());

  beforeEach(() => clock.set(options.startAt));

  const started = () => {
    if (!fake) throw new Error('The fake Twilio did not start (see the beforeAll failure)');
    return fake;
  };

  // Each test texts its own number, from Ofcom's drama range.
  let numbers = 0;
  const aMobile = () => `+4477009002${String(numbers++).padStart(2, '0')}`;

  /** A registered client with consent to texts and their own mobile. */
  async function aTextable(): Promise<{ clientId: string; mobile: string }> {
    const clientId = randomUUID();
    const mobile = aMobile();
    await h.publish(...aTextableClient(clientId, mobile));
    return { clientId, mobile };
  }

  /** Runs a reminder's own job now, as the queue does once its time comes (the clock is the test's). */
  const runJobNow = async (reminderId: string) => {
    await h.scheduler.cancel(REMINDERS_QUEUE, reminderJobId(reminderId));
    await h.scheduler.schedule(REMINDERS_QUEUE, {
      id: reminderJobId(reminderId),
      runAt: clock.now(),
      data: { reminderId },
    });
  };

  /** A client's text to us, from `from`, as Twilio's signed inbound webhook posts it. */
  const reply = (from: string, body: string, messageSid = twilioSid('SM')) =>
    started().sendInbound(`${h.running.url}/webhooks/twilio/inbound`, {
      from,
      to: TWILIO_NUMBER,
      body,
      messageSid,
    });

  const eventsAbout = (clientId: string) => outboxEventsAbout(h.dataSource, clientId);

  return {
    h,
    clock,
    /** The fake Twilio, once started: what it was asked to send. */
    get fake(): FakeTwilio {
      return started();
    },
    ...reminderSteps(h),
    aMobile,
    aTextable,
    runJobNow,
    reply,
    eventsAbout,
    /** The bodies of the texts sent to `mobile`, oldest first. */
    bodiesTo: (mobile: string) =>
      started()
        .requests.filter((r) => r.to === mobile)
        .map((r) => r.body),
    /** The replies reported for a client's keyworker: intent, appointment and text, oldest first. */
    repliesOf: async (clientId: string) =>
      (await eventsAbout(clientId))
        .filter((e) => e.type === 'sms.reply-received.v1')
        .map((e) => [e.data['intent'], e.data['appointmentId'], e.data['text']]),
  };
}
