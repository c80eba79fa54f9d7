import { Registry } from 'prom-client';
import { createLogger, memoryDestination, Metrics } from '@careloop/observability';
import { InProcessJobScheduler } from '@careloop/scheduling';
import { eventually } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { SmsGatewayUnavailableError } from '../gateway/sms-gateway';
import { REMINDERS_QUEUE, reminderJobId } from '../plan/reminder-jobs';
import { SendMetrics } from './send-metrics';
import type { SendOptions, SendOutcome, SendReminder } from './send-reminder';
import { deferredReminderJobId, ReminderSendWorker } from './send-reminder-worker';

const REMINDER = '3f0b8c52-3f61-4c54-9d0e-8d7c1c1f9a01';
const POLICY = { concurrency: 1, maxAttempts: 3, backoffMs: 1000 };

describe('ReminderSendWorker on the in-process scheduler', () => {
  let clock: ManualClock;
  let scheduler: InProcessJobScheduler;
  let registry: Registry;
  let logs: ReturnType<typeof memoryDestination>;
  let runs: { reminderId: string; options: SendOptions }[];
  let givenUp: string[];
  let worker: ReminderSendWorker;

  /** A worker whose SendReminder answers each run with `answer`. */
  function start(answer: () => Promise<SendOutcome>): void {
    const send = {
      execute: (reminderId: string, options: SendOptions) => {
        runs.push({ reminderId, options });
        return answer();
      },
      giveUp: async (reminderId: string) => {
        givenUp.push(reminderId);
        return { kind: 'skipped', reason: 'send_failed' };
      },
    } as unknown as SendReminder;
    logs = memoryDestination();
    worker = new ReminderSendWorker(
      scheduler,
      send,
      POLICY,
      new SendMetrics(new Metrics(registry)),
      createLogger({ service: 'reminders', level: 'info', destination: logs }),
    );
    worker.onApplicationBootstrap();
  }
  const schedule = (data: Record<string, string>, id = reminderJobId(REMINDER)) =>
    scheduler.schedule(REMINDERS_QUEUE, { id, runAt: clock.now(), data });
  const count = async (result: string) =>
    (await registry.getSingleMetric('careloop_reminders_send_runs_total')?.get())?.values.find(
      (v) => v.labels['result'] === result,
    )?.value ?? 0;

  beforeEach(() => {
    clock = new ManualClock('2026-11-09T18:00:00Z');
    scheduler = new InProcessJobScheduler({ clock });
    registry = new Registry();
    runs = [];
    givenUp = [];
  });
  afterEach(async () => {
    await worker.beforeApplicationShutdown();
    await scheduler.close();
  });

  it("works the 'reminders' queue from bootstrap, sending each job's reminder", async () => {
    start(async () => ({ kind: 'sent', messageId: 'b5a1e0c4-4d4e-4f37-9d0c-6c1b2a3d4e5f' }));
    await schedule({ reminderId: REMINDER });

    await eventually(async () =>
      expect(await scheduler.inspect(REMINDERS_QUEUE, reminderJobId(REMINDER))).toMatchObject({
        state: 'completed',
      }),
    );
    expect(runs).toEqual([{ reminderId: REMINDER, options: { finalAttempt: false } }]);
    expect(await count('sent')).toBe(1);
  });

  it('retries a run that failed, telling the last attempt it is the last', async () => {
    start(async () => {
      throw new SmsGatewayUnavailableError('twilio', 'http_503 20500', 4);
    });
    await schedule({ reminderId: REMINDER });

    await eventually(() => expect(runs).toHaveLength(1));
    clock.advance(1000);
    await eventually(() => expect(runs).toHaveLength(2));
    clock.advance(2000);
    await eventually(() => expect(runs).toHaveLength(3));

    expect(runs.map((r) => r.options.finalAttempt)).toEqual([false, false, true]);
    await eventually(async () =>
      expect(await scheduler.inspect(REMINDERS_QUEUE, reminderJobId(REMINDER))).toMatchObject({
        state: 'failed',
        attemptsMade: 3,
      }),
    );
    expect(await count('gateway_unavailable')).toBe(3);
  });

  it('closes the reminder once the last attempt has failed, whatever the error, and only then', async () => {
    start(async () => {
      throw new Error('connection terminated unexpectedly');
    });
    await schedule({ reminderId: REMINDER });

    await eventually(() => expect(runs).toHaveLength(1));
    clock.advance(1000);
    await eventually(() => expect(runs).toHaveLength(2));
    expect(givenUp).toEqual([]);
    clock.advance(2000);
    await eventually(() => expect(runs).toHaveLength(3));

    await eventually(() => expect(givenUp).toEqual([REMINDER]));
    expect(await scheduler.inspect(REMINDERS_QUEUE, reminderJobId(REMINDER))).toMatchObject({
      state: 'failed',
      attemptsMade: 3,
    });
  });

  it('schedules the run after quiet hours as its own job, carrying only the id', async () => {
    const until = new Date('2026-11-10T08:00:00Z');
    start(async () => ({ kind: 'deferred', until }));
    await schedule({ reminderId: REMINDER });

    await eventually(async () =>
      expect(await scheduler.inspect(REMINDERS_QUEUE, deferredReminderJobId(REMINDER, until))).toEqual({
        id: `reminder:${REMINDER}@2026-11-10T08:00:00.000Z`,
        state: 'scheduled',
        runAt: until,
        data: { reminderId: REMINDER },
        attemptsMade: 0,
      }),
    );
    expect(await scheduler.inspect(REMINDERS_QUEUE, reminderJobId(REMINDER))).toMatchObject({
      state: 'completed',
    });
  });

  it('a deferred job that runs a moment before quiet hours end is retried, not lost', async () => {
    const until = new Date('2026-11-10T08:00:00Z');
    clock.set('2026-11-10T07:59:59.990Z');
    start(async () => ({ kind: 'deferred', until }));
    await schedule({ reminderId: REMINDER }, deferredReminderJobId(REMINDER, until));

    await eventually(async () =>
      expect(await scheduler.inspect(REMINDERS_QUEUE, deferredReminderJobId(REMINDER, until))).toMatchObject({
        state: 'scheduled',
        attemptsMade: 1,
      }),
    );
  });

  it('ignores a job that names no reminder: retrying cannot help it', async () => {
    start(async () => ({ kind: 'nothing_to_do' }));
    await schedule({ reminderId: 'not-a-uuid' });

    await eventually(async () =>
      expect(await scheduler.inspect(REMINDERS_QUEUE, reminderJobId(REMINDER))).toMatchObject({
        state: 'completed',
        attemptsMade: 1,
      }),
    );
    expect(runs).toEqual([]);
    expect(await count('invalid_job')).toBe(1);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'reminder job without a reminder id: ignored' }),
    );
  });

  it('on shutdown lets the running send finish, then takes no more jobs', async () => {
    let finish!: () => void;
    start(() => new Promise<SendOutcome>((resolve) => (finish = () => resolve({ kind: 'nothing_to_do' }))));
    await schedule({ reminderId: REMINDER });
    await eventually(() => expect(runs).toHaveLength(1));

    let stopped = false;
    const stopping = worker.beforeApplicationShutdown().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    finish();
    await stopping;

    const other = '9a7c2b1e-5d4f-4e3a-8b2c-1d0e9f8a7b6c';
    await schedule({ reminderId: other }, reminderJobId(other));
    await eventually(async () =>
      expect(await scheduler.inspect(REMINDERS_QUEUE, reminderJobId(other))).toMatchObject({
        attemptsMade: 1,
      }),
    );
    expect(runs).toHaveLength(1);
  });
});
