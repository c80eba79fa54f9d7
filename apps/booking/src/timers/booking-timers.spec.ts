import { Global, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Registry } from 'prom-client';
import { createLogger, memoryDestination, Metrics } from '@careloop/observability';
import { APP_LOGGER, JOB_SCHEDULER } from '@careloop/runtime';
import { InProcessJobScheduler } from '@careloop/scheduling';
import { eventually } from '@careloop/testing';
import { CLOCK, ManualClock } from '@careloop/time';
import { BOOKING_POLICY, DEFAULT_BOOKING_POLICY } from '../booking-policy';
import { BookingTimers } from './booking-timers';
import { TimerMetrics } from './timer-metrics';
import { BOOKING_TIMERS_QUEUE } from './timer-ticks';
import type { TimerTask } from './timer-task';
import { TimersModule } from './timers.module';

const INTERVAL = 30;
const at = (iso: string) => Date.parse(iso) / 1000;

/** A task that notes each run (name and now) in a shared log, changing `rows` rows. */
function aTask(name: string, runs: { task: string; now: string }[], rows = 0): TimerTask {
  return {
    name,
    run: async (now) => {
      runs.push({ task: name, now: now.toISOString() });
      return rows;
    },
  };
}

function failingTask(name: string, runs: { task: string; now: string }[]): TimerTask {
  return {
    name,
    run: async (now) => {
      runs.push({ task: name, now: now.toISOString() });
      throw new Error('database went away');
    },
  };
}

/** Lets the in-process scheduler start what became due (it wakes on setImmediate). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('BookingTimers on the in-process scheduler and a manual clock', () => {
  let clock: ManualClock;
  let scheduler: InProcessJobScheduler;
  let registry: Registry;
  let logs: ReturnType<typeof memoryDestination>;
  let timers: BookingTimers | undefined;

  beforeEach(() => {
    clock = new ManualClock('2026-11-30T09:00:10Z');
    scheduler = new InProcessJobScheduler({ clock });
    registry = new Registry();
    logs = memoryDestination();
  });

  afterEach(async () => {
    await timers?.beforeApplicationShutdown();
    await scheduler.close();
    timers = undefined;
  });

  async function start(tasks: TimerTask[]): Promise<BookingTimers> {
    timers = new BookingTimers(
      scheduler,
      clock,
      { ...DEFAULT_BOOKING_POLICY, timerSeconds: INTERVAL },
      tasks,
      new TimerMetrics(new Metrics(registry)),
      createLogger({ service: 'booking', level: 'debug', destination: logs }),
    );
    await timers.onApplicationBootstrap();
    return timers;
  }

  const metricValue = async (name: string, task?: string) => {
    const metric = await registry.getSingleMetric(name)?.get();
    return metric?.values.find((v) => task === undefined || v.labels['task'] === task)?.value ?? 0;
  };

  it('runs every task in order with the clock now when the clock reaches each tick, not before', async () => {
    const runs: { task: string; now: string }[] = [];
    await start([aTask('expire-lapsed-holds', runs), aTask('flag-overdue-outcomes', runs)]);

    expect(await scheduler.inspect(BOOKING_TIMERS_QUEUE, `tick:${at('2026-11-30T09:00:30Z')}`)).toMatchObject(
      {
        state: 'scheduled',
        runAt: new Date('2026-11-30T09:00:30Z'),
        data: { tick: at('2026-11-30T09:00:30Z') },
      },
    );
    clock.advance(19_000);
    await settle();
    expect(runs).toEqual([]);

    clock.advance(1_000);
    await eventually(() =>
      expect(runs).toEqual([
        { task: 'expire-lapsed-holds', now: '2026-11-30T09:00:30.000Z' },
        { task: 'flag-overdue-outcomes', now: '2026-11-30T09:00:30.000Z' },
      ]),
    );

    clock.advance(INTERVAL * 1000);
    await eventually(() =>
      expect(runs.slice(2)).toEqual([
        { task: 'expire-lapsed-holds', now: '2026-11-30T09:01:00.000Z' },
        { task: 'flag-overdue-outcomes', now: '2026-11-30T09:01:00.000Z' },
      ]),
    );
    expect(await metricValue('careloop_booking_timer_ticks_total')).toBe(2);
  });

  it('a failing task is logged and counted, the tasks after it still run, and the next tick still comes', async () => {
    const runs: { task: string; now: string }[] = [];
    await start([failingTask('release-due-reservations', runs), aTask('expire-lapsed-holds', runs, 3)]);

    clock.advance(20_000);
    await eventually(() =>
      expect(runs.map((r) => r.task)).toEqual(['release-due-reservations', 'expire-lapsed-holds']),
    );
    await eventually(async () =>
      expect(
        await metricValue('careloop_booking_timer_task_failures_total', 'release-due-reservations'),
      ).toBe(1),
    );
    expect(await metricValue('careloop_booking_timer_rows_changed_total', 'expire-lapsed-holds')).toBe(3);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'booking timer task failed',
        task: 'release-due-reservations',
        err: expect.objectContaining({ message: 'database went away' }),
      }),
    );
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 'info', task: 'expire-lapsed-holds', rows: 3 }),
    );
    // The tick itself completed: no retry of it, the next one is simply due next.
    expect(await scheduler.inspect(BOOKING_TIMERS_QUEUE, `tick:${at('2026-11-30T09:00:30Z')}`)).toMatchObject(
      {
        state: 'completed',
        attemptsMade: 1,
      },
    );

    clock.advance(INTERVAL * 1000);
    await eventually(() => expect(runs).toHaveLength(4));
    expect(runs.slice(2)).toEqual([
      { task: 'release-due-reservations', now: '2026-11-30T09:01:00.000Z' },
      { task: 'expire-lapsed-holds', now: '2026-11-30T09:01:00.000Z' },
    ]);
    expect(await metricValue('careloop_booking_timer_rows_changed_total', 'expire-lapsed-holds')).toBe(6);
  });

  it('after a long pause runs once with the late now, not once per missed tick', async () => {
    const runs: { task: string; now: string }[] = [];
    await start([aTask('flag-overdue-outcomes', runs)]);

    clock.advance(5 * 60_000);
    await eventually(() => expect(runs).toHaveLength(1));
    await settle();
    expect(runs).toEqual([{ task: 'flag-overdue-outcomes', now: '2026-11-30T09:05:10.000Z' }]);
    // The next tick is the next boundary after the late now.
    expect(await scheduler.inspect(BOOKING_TIMERS_QUEUE, `tick:${at('2026-11-30T09:05:30Z')}`)).toMatchObject(
      {
        state: 'scheduled',
      },
    );
  });

  it('on shutdown waits for the running tick, then schedules and runs nothing more', async () => {
    const runs: { task: string; now: string }[] = [];
    let finish!: () => void;
    const slow: TimerTask = {
      name: 'extend-availability',
      run: () => new Promise((resolve) => (finish = () => resolve(0))),
    };
    const t = await start([slow, aTask('expire-lapsed-holds', runs)]);

    clock.advance(20_000);
    await eventually(() => expect(finish).toBeDefined());
    let stopped = false;
    const stopping = t.beforeApplicationShutdown().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(runs.map((r) => r.task)).toEqual(['expire-lapsed-holds']);

    // The tick scheduled before shutdown comes due: it is handed back, not run, and has no successor.
    const due = at('2026-11-30T09:01:00Z');
    clock.advance(INTERVAL * 1000);
    await eventually(async () =>
      expect(await scheduler.inspect(BOOKING_TIMERS_QUEUE, `tick:${due}`)).toMatchObject({ attemptsMade: 1 }),
    );
    expect(runs).toHaveLength(1);
    expect(await scheduler.inspect(BOOKING_TIMERS_QUEUE, `tick:${due + INTERVAL}`)).toBeUndefined();
  });

  it('refuses to start without a job scheduler rather than never expiring holds', async () => {
    const t = new BookingTimers(
      undefined,
      clock,
      DEFAULT_BOOKING_POLICY,
      [],
      new TimerMetrics(new Metrics(registry)),
      createLogger({ service: 'booking', level: 'silent' }),
    );
    await expect(t.onApplicationBootstrap()).rejects.toThrow(/JobScheduler/);
  });
});

describe('TimersModule.forTasks', () => {
  const runs: { task: string; now: string }[] = [];

  @Injectable()
  class ExpireHoldsProbe implements TimerTask {
    readonly name = 'expire-lapsed-holds';
    run(now: Date) {
      runs.push({ task: this.name, now: now.toISOString() });
      return Promise.resolve(0);
    }
  }
  @Injectable()
  class ReleaseReservationsProbe implements TimerTask {
    readonly name = 'release-due-reservations';
    run(now: Date) {
      runs.push({ task: this.name, now: now.toISOString() });
      return Promise.resolve(0);
    }
  }
  @Module({ providers: [ExpireHoldsProbe], exports: [ExpireHoldsProbe] })
  class HoldsContext {}
  @Module({ providers: [ReleaseReservationsProbe], exports: [ReleaseReservationsProbe] })
  class ReservationsContext {}

  it('runs the tasks exported by the imported context modules, in the order given', async () => {
    const clock = new ManualClock('2026-11-30T09:00:00Z');
    const scheduler = new InProcessJobScheduler({ clock });

    @Global()
    @Module({
      providers: [
        { provide: CLOCK, useValue: clock },
        { provide: JOB_SCHEDULER, useValue: scheduler },
        { provide: APP_LOGGER, useValue: createLogger({ service: 'booking', level: 'silent' }) },
        { provide: BOOKING_POLICY, useValue: { ...DEFAULT_BOOKING_POLICY, timerSeconds: 10 } },
        { provide: Metrics, useValue: new Metrics(new Registry()) },
      ],
      exports: [CLOCK, JOB_SCHEDULER, APP_LOGGER, BOOKING_POLICY, Metrics],
    })
    class Runtime {}
    @Module({
      imports: [
        Runtime,
        TimersModule.forTasks({
          imports: [HoldsContext, ReservationsContext],
          tasks: [ReleaseReservationsProbe, ExpireHoldsProbe],
        }),
      ],
    })
    class App {}

    const app = await NestFactory.createApplicationContext(App, { logger: false });
    try {
      await app.init();
      clock.advance(10_000);
      await eventually(() =>
        expect(runs).toEqual([
          { task: 'release-due-reservations', now: '2026-11-30T09:00:10.000Z' },
          { task: 'expire-lapsed-holds', now: '2026-11-30T09:00:10.000Z' },
        ]),
      );
    } finally {
      await app.close();
      await scheduler.close();
    }
  });
});
