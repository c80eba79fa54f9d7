import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import {
  CARELOOP_ENV_KEYS,
  eventually,
  redisUrl,
  repoRoot,
  startFakeTwilio,
  twilioSid,
  type FakeTwilio,
} from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { REMINDERS_QUEUE, reminderJobId } from '../../src/plan/reminder-jobs';
import { aBookedEvent, aTextableClient } from '../support/plan-fixtures';
import { eventsAbout as outboxEventsAbout } from '../support/reminders-outbox';
import { useRemindersPlans } from '../support/use-reminders-plans';

const AUTH_TOKEN = 'fake-twilio-auth-token-0123456789';
const NOON = '2026-03-20T12:00:00Z';
const WORKER_ENTRY = path.join('apps', 'reminders', 'test', 'support', 'send-worker-process.ts');
// The workers' stall time (StallOptions): a dead worker's jobs go to a live one within three times
// this (BullMQ's default, 30 s, would make this test wait a minute or more).
const STALL_AFTER_MS = 2000;
// Up to three stall times, then the second worker's re-check, its Twilio status query and commit.
const STALLED_JOB_RECOVERY_MS = 3 * STALL_AFTER_MS + 15_000;

/** A send worker in its own process, and what it logged (pino JSON lines). */
interface WorkerProcess {
  child: ChildProcess;
  logged(msg: string): boolean;
  /** The first log line with this message, with its fields. */
  entry(msg: string): Record<string, unknown> | undefined;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * THE KILL TEST (issue 5, "never twice"). A send worker runs in a child process against the same
 * database and Redis queue; it is SIGKILLed while sending, a second worker process picks the jobs up
 * once their locks lapse (a short stall time keeps that to seconds), and every text whose fate the
 * crash made unknown is flagged for a person, not resent.
 */
describe('a send worker killed mid-send', () => {
  let fake: FakeTwilio;
  const clock = new ManualClock(NOON);
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    fake = await startFakeTwilio({ authToken: AUTH_TOKEN });
  });
  // The workers die before the service and its database go (hooks run in the order they are declared).
  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
  });

  // Plans only: in this process nothing works the 'reminders' queue, the worker processes do.
  const h = useRemindersPlans({
    database: 'reminders_sending_crash',
    redis: 'reminders-sending-crash',
    clock,
  });
  afterAll(() => fake?.close());

  /** Starts the worker entry with the test's database, Redis prefix, clock and fake Twilio. */
  async function startWorker(holdTo: string[] = []): Promise<WorkerProcess> {
    // The runner's environment without its Careloop keys, as startServiceProcess gives its services.
    // eslint-disable-next-line no-restricted-syntax
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of CARELOOP_ENV_KEYS) delete env[key];
    Object.assign(env, {
      LOG_LEVEL: 'info',
      DATABASE_URL: h.databaseUrl,
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: h.redisPrefix,
      AUTH_ISSUER: 'https://idp.careloop.test/',
      AUTH_JWKS_URL: 'https://idp.careloop.test/jwks.json',
      SMS_GATEWAY: 'twilio',
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_MESSAGING_SERVICE_SID: twilioSid('MG'),
      TWILIO_API_BASE_URL: fake.baseUrl,
      PUBLIC_BASE_URL: 'https://reminders.careloop.test',
      SEND_WORKER_NOW: NOON,
      SEND_WORKER_HOLD_TO: holdTo.join(','),
      SEND_WORKER_STALL_AFTER_MS: String(STALL_AFTER_MS),
    });
    const child = spawn(process.execPath, ['-r', '@swc-node/register', WORKER_ENTRY], {
      cwd: repoRoot(),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const entries: Record<string, unknown>[] = [];
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const line of complete) {
        lines.push(line);
        try {
          const parsed: unknown = JSON.parse(line);
          if (typeof parsed === 'object' && parsed !== null) entries.push(parsed as Record<string, unknown>);
        } catch {
          // not a log line
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => lines.push(chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const worker: WorkerProcess = {
      child,
      logged: (msg) => entries.some((e) => e['msg'] === msg),
      entry: (msg) => entries.find((e) => e['msg'] === msg),
      output: () => lines.join('\n'),
      exited,
    };
    workers.push(worker);
    await eventually(
      () => {
        if (child.exitCode !== null) throw new Error(`worker exited:\n${worker.output()}`);
        expect(worker.logged('send worker ready')).toBe(true);
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    // Else a lost stall time shows as a timeout a minute later, not as its cause.
    expect(worker.entry('reminder sending started')).toMatchObject({ stallAfterMs: STALL_AFTER_MS });
    return worker;
  }

  /** A client who may be texted, and an appointment booked for them: its confirmation is due now. */
  async function aBookingFor(mobile: string): Promise<{ clientId: string; appointmentId: string }> {
    const clientId = randomUUID();
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(...aTextableClient(clientId, mobile), booked);
    return { clientId, appointmentId: booked.data.appointmentId };
  }

  const confirmationOf = async (appointmentId: string) => {
    const row = (await h.reminders(appointmentId)).find((r) => r.step === 'confirmation');
    if (!row) throw new Error(`no confirmation for ${appointmentId}`);
    return row;
  };
  const textOf = async (reminderId: string) =>
    (
      await h.dataSource.query<{ id: string; status: string; gateway_message_id: string | null }[]>(
        `SELECT "id", "status", "gateway_message_id" FROM "reminders"."sms_message" WHERE "reminder_id" = $1`,
        [reminderId],
      )
    )[0];
  const eventsAbout = (clientId: string) => outboxEventsAbout(h.dataSource, clientId);
  const requestsTo = (mobile: string) => fake.requests.filter((r) => r.to === mobile);

  it(
    'leaves every text it was sending unknown, flagged for a person, and never sends one again',
    async () => {
      // One text reaches Twilio, which holds the request unanswered; the other is held after its
      // `sending` row committed, just before its request would leave.
      const reachedTwilio = '+447700900301';
      const beforeTheRequest = '+447700900302';
      fake.stallNext(1);
      const first = await startWorker([beforeTheRequest]);
      const a = await aBookingFor(reachedTwilio);
      const b = await aBookingFor(beforeTheRequest);
      const reminderA = await confirmationOf(a.appointmentId);
      const reminderB = await confirmationOf(b.appointmentId);

      await eventually(
        async () => {
          expect(requestsTo(reachedTwilio)).toEqual([expect.objectContaining({ answeredWith: null })]);
          expect(first.logged('send held before the gateway call')).toBe(true);
        },
        { timeoutMs: 30_000 },
      );
      // The send records were committed before either call.
      expect(await textOf(reminderA.id)).toMatchObject({ status: 'sending', gateway_message_id: null });
      expect(await textOf(reminderB.id)).toMatchObject({ status: 'sending', gateway_message_id: null });

      first.child.kill('SIGKILL');
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(await h.scheduler.inspect(REMINDERS_QUEUE, reminderJobId(reminderA.id))).toMatchObject({
        state: 'running',
      });

      // A second worker; BullMQ hands it the jobs the dead one held once their locks lapse, within
      // three stall times.
      await startWorker();
      const closed = await eventually(
        async () => {
          const rows = [await confirmationOf(a.appointmentId), await confirmationOf(b.appointmentId)];
          expect(rows.map((r) => r.status)).toEqual(['unknown', 'unknown']);
          return rows;
        },
        { timeoutMs: STALLED_JOB_RECOVERY_MS, intervalMs: 500 },
      );
      expect(closed.map((r) => r.status_reason)).toEqual(['send_outcome_unknown', 'send_outcome_unknown']);

      for (const [booking, reminder] of [
        [a, reminderA],
        [b, reminderB],
      ] as const) {
        const text = await textOf(reminder.id);
        expect(text).toMatchObject({ status: 'unknown' });
        expect(await eventsAbout(booking.clientId)).toEqual([
          expect.objectContaining({
            type: 'reminder.delivery-failed.v1',
            data: expect.objectContaining({
              messageId: text!.id,
              clientId: booking.clientId,
              appointmentId: booking.appointmentId,
              outcome: 'unknown',
            }),
          }),
        ]);
        await eventually(async () =>
          expect(await h.scheduler.inspect(REMINDERS_QUEUE, reminderJobId(reminder.id))).toMatchObject({
            state: 'completed',
          }),
        );
      }
      // Exactly one request ever reached Twilio (the one in flight when the worker died); the text
      // killed before its request is unknown too, the conservative reading (ADR 22).
      expect(requestsTo(reachedTwilio)).toHaveLength(1);
      expect(requestsTo(beforeTheRequest)).toEqual([]);
    },
    STALLED_JOB_RECOVERY_MS + 90_000,
  );
});
