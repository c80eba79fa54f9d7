import { Registry } from 'prom-client';
import { createLogger, memoryDestination, Metrics } from '@careloop/observability';
import { InProcessJobScheduler } from '@careloop/scheduling';
import { eventually } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { DEFAULT_INREACH_POLICY } from '../inreach-policy';
import type { ExtendSeriesHorizon } from './extend-series-horizon';
import { HorizonJob, INREACH_HORIZON_QUEUE } from './horizon-job';

const INTERVAL = 600;
const at = (iso: string) => Date.parse(iso) / 1000;

/** Lets the in-process scheduler start what became due (it wakes on setImmediate). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the in-reach horizon job on the in-process scheduler and a manual clock', () => {
  let clock: ManualClock;
  let scheduler: InProcessJobScheduler;
  let registry: Registry;
  let logs: ReturnType<typeof memoryDestination>;
  let job: HorizonJob | undefined;

  beforeEach(() => {
    clock = new ManualClock('2026-03-02T08:05:00Z');
    scheduler = new InProcessJobScheduler({ clock });
    registry = new Registry();
    logs = memoryDestination();
  });

  afterEach(async () => {
    await job?.beforeApplicationShutdown();
    await scheduler.close();
    job = undefined;
  });

  async function start(run: (now: Date) => Promise<number>, withScheduler = true): Promise<HorizonJob> {
    job = new HorizonJob(
      withScheduler ? scheduler : undefined,
      clock,
      { ...DEFAULT_INREACH_POLICY, horizonTickSeconds: INTERVAL },
      { run } as ExtendSeriesHorizon,
      new Metrics(registry),
      createLogger({ service: 'inreach', level: 'info', destination: logs }),
    );
    await job.onApplicationBootstrap();
    return job;
  }

  const counter = async (name: string) =>
    (await registry.getSingleMetric(name)?.get())?.values[0]?.value ?? 0;

  it('extends the series with the clock’s now at each tick, not before, and counts what it made', async () => {
    const runs: string[] = [];
    await start(async (now) => {
      runs.push(now.toISOString());
      return 3;
    });
    expect(
      await scheduler.inspect(INREACH_HORIZON_QUEUE, `tick:${at('2026-03-02T08:10:00Z')}`),
    ).toMatchObject({
      state: 'scheduled',
    });
    clock.advance(4 * 60_000);
    await settle();
    expect(runs).toEqual([]);

    clock.advance(60_000);
    await eventually(() => expect(runs).toEqual(['2026-03-02T08:10:00.000Z']));
    clock.advance(INTERVAL * 1000);
    await eventually(() => expect(runs).toEqual(['2026-03-02T08:10:00.000Z', '2026-03-02T08:20:00.000Z']));
    await eventually(async () =>
      expect(await counter('careloop_inreach_horizon_sessions_made_total')).toBe(6),
    );
  });

  it('logs and counts a failing run, and the next tick still comes', async () => {
    const runs: string[] = [];
    await start(async (now) => {
      runs.push(now.toISOString());
      if (runs.length === 1) throw new Error('database went away');
      return 0;
    });
    clock.advance(5 * 60_000);
    await eventually(() => expect(runs).toHaveLength(1));
    await eventually(async () => expect(await counter('careloop_inreach_horizon_failures_total')).toBe(1));
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'in-reach horizon job failed',
        err: expect.objectContaining({ message: 'database went away' }),
      }),
    );
    clock.advance(INTERVAL * 1000);
    await eventually(() => expect(runs).toEqual(['2026-03-02T08:10:00.000Z', '2026-03-02T08:20:00.000Z']));
  });

  it('after a long pause runs once with the late now, not once per missed tick', async () => {
    const runs: string[] = [];
    await start(async (now) => {
      runs.push(now.toISOString());
      return 0;
    });
    clock.advance(3 * 60 * 60_000);
    await eventually(() => expect(runs).toHaveLength(1));
    await settle();
    expect(runs).toEqual(['2026-03-02T11:05:00.000Z']);
  });

  it('refuses to start without a job scheduler rather than let the diary run dry', async () => {
    await expect(start(async () => 0, false)).rejects.toThrow(/JobScheduler/);
  });
});
