import { Registry } from 'prom-client';
import { createLogger, Metrics } from '@careloop/observability';
import { BullMqJobScheduler, type JobScheduler } from '@careloop/scheduling';
import { deleteRedisKeys, eventually, redisUrl, uniqueRedisPrefix } from '@careloop/testing';
import { SystemClock } from '@careloop/time';
import { DEFAULT_BOOKING_POLICY } from '../../src/booking-policy';
import { BookingTimers } from '../../src/timers/booking-timers';
import { TimerMetrics } from '../../src/timers/timer-metrics';
import { BOOKING_TIMERS_QUEUE } from '../../src/timers/timer-ticks';
import type { TimerTask } from '../../src/timers/timer-task';

/** One booking process as far as the timer job goes: its own Redis connection and BookingTimers. */
interface TimerProcess {
  scheduler: JobScheduler;
  timers: BookingTimers;
  stop(): Promise<void>;
}

const clock = new SystemClock();

/**
 * Booking's timer job on BullMQ and real Redis, ticking every second: the ticks really run, several
 * booking processes on one Redis run each tick once, and neither a failing task nor a stopped process
 * stops the ticks.
 */
describe('booking timers on BullMQ', () => {
  const prefixes: string[] = [];
  const running = new Set<TimerProcess>();

  afterEach(async () => {
    for (const process of running) await process.stop();
    running.clear();
    for (const prefix of prefixes.splice(0)) await deleteRedisKeys(prefix);
  });

  function aPrefix(): string {
    const prefix = uniqueRedisPrefix('booking-timers');
    prefixes.push(prefix);
    return prefix;
  }

  /** Notes which process handled which tick job before BookingTimers runs it. */
  function recordingTicks(inner: JobScheduler, label: string, handled: { by: string; id: string }[]) {
    const scheduler: JobScheduler = Object.create(inner) as JobScheduler;
    scheduler.process = (queue, handler, options) =>
      inner.process(
        queue,
        async (job) => {
          handled.push({ by: label, id: job.id });
          await handler(job);
        },
        options,
      );
    return scheduler;
  }

  async function startProcess(
    prefix: string,
    tasks: TimerTask[],
    wrap: (scheduler: JobScheduler) => JobScheduler = (s) => s,
  ): Promise<TimerProcess> {
    const bullmq = new BullMqJobScheduler({ redisUrl: redisUrl(), prefix, clock });
    const scheduler = wrap(bullmq);
    const timers = new BookingTimers(
      scheduler,
      clock,
      { ...DEFAULT_BOOKING_POLICY, timerSeconds: 1 },
      tasks,
      new TimerMetrics(new Metrics(new Registry())),
      createLogger({ service: 'booking', level: 'silent' }),
    );
    await timers.onApplicationBootstrap();
    // Nest's order: the timers stop (finishing their tick) before the runtime closes the scheduler.
    const process: TimerProcess = {
      scheduler,
      timers,
      stop: async () => {
        running.delete(process);
        await timers.beforeApplicationShutdown();
        await bullmq.close();
      },
    };
    running.add(process);
    return process;
  }

  const recording = (name: string, runs: Date[]): TimerTask => ({
    name,
    run: async (now) => {
      runs.push(now);
      return 0;
    },
  });

  it('runs a task through BullMQ within a few seconds, with the clock now, and completes the tick', async () => {
    const runs: Date[] = [];
    const handled: { by: string; id: string }[] = [];
    const before = Math.floor(Date.now() / 1000);
    const { scheduler } = await startProcess(aPrefix(), [recording('expire-lapsed-holds', runs)], (s) =>
      recordingTicks(s, 'a', handled),
    );
    const after = Math.floor(Date.now() / 1000);

    await eventually(() => expect(runs.length).toBeGreaterThanOrEqual(1), { timeoutMs: 5_000 });
    const tick = Number(handled[0]!.id.replace('tick:', ''));
    expect(handled[0]!.id).toMatch(/^tick:\d+$/);
    // The first tick is the next whole second after start, and the task saw a now at or after it.
    expect(tick).toBeGreaterThanOrEqual(before + 1);
    expect(tick).toBeLessThanOrEqual(after + 1);
    expect(runs[0]!.getTime()).toBeGreaterThanOrEqual(tick * 1000);
    await eventually(async () =>
      expect(await scheduler.inspect(BOOKING_TIMERS_QUEUE, `tick:${tick}`)).toMatchObject({
        state: 'completed',
        attemptsMade: 1,
        data: { tick },
      }),
    );
  });

  it('two booking processes on one Redis run each tick once, in order', async () => {
    const prefix = aPrefix();
    const runs: Date[] = [];
    const handled: { by: string; id: string }[] = [];
    const task = recording('flag-overdue-outcomes', runs);
    await startProcess(prefix, [task], (s) => recordingTicks(s, 'a', handled));
    await startProcess(prefix, [task], (s) => recordingTicks(s, 'b', handled));

    await eventually(() => expect(handled.length).toBeGreaterThanOrEqual(4), { timeoutMs: 8_000 });
    const ids = handled.map((h) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
    const ticks = ids.map((id) => Number(id.replace('tick:', '')));
    expect(ticks).toEqual([...ticks].sort((x, y) => x - y));
    await eventually(() => expect(runs).toHaveLength(handled.length));
    // Whatever the job ids, the task ran at most once in any second: no tick ran in both processes.
    const seconds = runs.map((now) => Math.floor(now.getTime() / 1000));
    expect(new Set(seconds).size).toBe(seconds.length);
  });

  it('keeps ticking through a task that always fails, running the task after it each time', async () => {
    const runs: Date[] = [];
    const failing: TimerTask = {
      name: 'release-due-reservations',
      run: () => Promise.reject(new Error('deadlock detected')),
    };
    await startProcess(aPrefix(), [failing, recording('expire-lapsed-holds', runs)]);

    await eventually(() => expect(runs.length).toBeGreaterThanOrEqual(3), { timeoutMs: 8_000 });
  });

  it('when one process stops, the other keeps the ticks coming', async () => {
    const prefix = aPrefix();
    const runs: Date[] = [];
    const handled: { by: string; id: string }[] = [];
    const task = recording('extend-availability', runs);
    const a = await startProcess(prefix, [task], (s) => recordingTicks(s, 'a', handled));
    await startProcess(prefix, [task], (s) => recordingTicks(s, 'b', handled));
    await eventually(() => expect(handled.length).toBeGreaterThanOrEqual(1), { timeoutMs: 5_000 });

    await a.stop();
    const afterStop = handled.length;
    await eventually(() => expect(handled.length).toBeGreaterThanOrEqual(afterStop + 3), {
      timeoutMs: 8_000,
    });
    // A tick handed to `a` while it stopped goes back to the queue; every later one is b's.
    expect(handled.slice(afterStop + 1).every((h) => h.by === 'b')).toBe(true);
  });
});
