import { eventually } from '@careloop/testing';
import { DEFAULT_INREACH_POLICY } from '../inreach-policy';
import { settle, tickAt, useTickJob } from '../../test/support/use-tick-job';
import type { ExtendSeriesHorizon } from './extend-series-horizon';
import { HorizonJob, INREACH_HORIZON_QUEUE } from './horizon-job';

const INTERVAL = 600;

describe('the in-reach horizon job on the in-process scheduler and a manual clock', () => {
  const h = useTickJob('2026-03-02T08:05:00Z');

  const start = (run: (now: Date) => Promise<number>, withScheduler = true) =>
    h.start(
      ({ scheduler, clock, metrics, logger }) =>
        new HorizonJob(
          scheduler,
          clock,
          { ...DEFAULT_INREACH_POLICY, horizonTickSeconds: INTERVAL },
          { run } as ExtendSeriesHorizon,
          metrics,
          logger,
        ),
      withScheduler,
    );

  it('extends the series with the clock’s now at each tick, not before, and counts what it made', async () => {
    const runs: string[] = [];
    await start(async (now) => {
      runs.push(now.toISOString());
      return 3;
    });
    expect(await h.scheduler.inspect(INREACH_HORIZON_QUEUE, tickAt('2026-03-02T08:10:00Z'))).toMatchObject({
      state: 'scheduled',
    });
    h.clock.advance(4 * 60_000);
    await settle();
    expect(runs).toEqual([]);

    h.clock.advance(60_000);
    await eventually(() => expect(runs).toEqual(['2026-03-02T08:10:00.000Z']));
    h.clock.advance(INTERVAL * 1000);
    await eventually(() => expect(runs).toEqual(['2026-03-02T08:10:00.000Z', '2026-03-02T08:20:00.000Z']));
    await eventually(async () =>
      expect(await h.counter('careloop_inreach_horizon_sessions_made_total')).toBe(6),
    );
  });

  it('logs and counts a failing run, and the next tick still comes', async () => {
    const runs: string[] = [];
    await start(async (now) => {
      runs.push(now.toISOString());
      if (runs.length === 1) throw new Error('database went away');
      return 0;
    });
    h.clock.advance(5 * 60_000);
    await eventually(() => expect(runs).toHaveLength(1));
    await eventually(async () => expect(await h.counter('careloop_inreach_horizon_failures_total')).toBe(1));
    expect(h.logs).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'in-reach horizon job failed',
        err: expect.objectContaining({ message: 'database went away' }),
      }),
    );
    h.clock.advance(INTERVAL * 1000);
    await eventually(() => expect(runs).toEqual(['2026-03-02T08:10:00.000Z', '2026-03-02T08:20:00.000Z']));
  });

  it('after a long pause runs once with the late now, not once per missed tick', async () => {
    const runs: string[] = [];
    await start(async (now) => {
      runs.push(now.toISOString());
      return 0;
    });
    h.clock.advance(3 * 60 * 60_000);
    await eventually(() => expect(runs).toHaveLength(1));
    await settle();
    expect(runs).toEqual(['2026-03-02T11:05:00.000Z']);
  });

  it('refuses to start without a job scheduler rather than let the diary run dry', async () => {
    await expect(start(async () => 0, false)).rejects.toThrow(/JobScheduler/);
  });
});
