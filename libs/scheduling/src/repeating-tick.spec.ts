import { eventually } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { InProcessJobScheduler } from './in-process-job-scheduler';
import { RepeatingTick } from './repeating-tick';

const QUEUE = 'ticks';
const INTERVAL = 60;
const at = (iso: string) => Date.parse(iso) / 1000;

/** Lets the in-process scheduler start what became due (it wakes on setImmediate). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('RepeatingTick on the in-process scheduler and a manual clock', () => {
  let clock: ManualClock;
  let scheduler: InProcessJobScheduler;
  let ticks: RepeatingTick | undefined;

  beforeEach(() => {
    clock = new ManualClock('2026-05-04T10:00:20Z');
    scheduler = new InProcessJobScheduler({ clock });
  });

  afterEach(async () => {
    await ticks?.stop();
    await scheduler.close();
    ticks = undefined;
  });

  function aTick(work: (now: Date) => Promise<void>, intervalSeconds = INTERVAL): RepeatingTick {
    ticks = new RepeatingTick({ queue: QUEUE, intervalSeconds, clock, name: 'test tick', work });
    return ticks;
  }

  it('schedules the next whole interval at start and works with the clock’s now at each tick, not before', async () => {
    const runs: string[] = [];
    const next = await aTick(async (now) => void runs.push(now.toISOString())).start(scheduler);

    expect(next).toBe(at('2026-05-04T10:01:00Z'));
    expect(await scheduler.inspect(QUEUE, `tick:${next}`)).toMatchObject({
      state: 'scheduled',
      runAt: new Date('2026-05-04T10:01:00Z'),
      data: { tick: next },
    });
    clock.advance(39_000);
    await settle();
    expect(runs).toEqual([]);

    clock.advance(1_000);
    await eventually(() => expect(runs).toEqual(['2026-05-04T10:01:00.000Z']));
    clock.advance(INTERVAL * 1000);
    await eventually(() => expect(runs).toEqual(['2026-05-04T10:01:00.000Z', '2026-05-04T10:02:00.000Z']));
  });

  it('after a long pause works once with the late now, and the next tick is the next boundary after it', async () => {
    const runs: string[] = [];
    await aTick(async (now) => void runs.push(now.toISOString())).start(scheduler);

    clock.advance(30 * 60_000);
    await eventually(() => expect(runs).toHaveLength(1));
    await settle();
    expect(runs).toEqual(['2026-05-04T10:30:20.000Z']);
    expect(await scheduler.inspect(QUEUE, `tick:${at('2026-05-04T10:31:00Z')}`)).toMatchObject({
      state: 'scheduled',
    });
  });

  it('schedules the next tick before working, so work that throws does not stop the ticks', async () => {
    const runs: string[] = [];
    await aTick(async (now) => {
      runs.push(now.toISOString());
      if (runs.length === 1) throw new Error('database went away');
    }).start(scheduler);

    clock.advance(40_000);
    await eventually(() => expect(runs).toHaveLength(1));
    expect(await scheduler.inspect(QUEUE, `tick:${at('2026-05-04T10:02:00Z')}`)).toMatchObject({
      state: 'scheduled',
    });
    clock.advance(INTERVAL * 1000);
    await eventually(() => expect(runs).toContain('2026-05-04T10:02:00.000Z'));
  });

  it('on stop waits for the running tick, then works no more and schedules no successor', async () => {
    let finish!: () => void;
    let started = 0;
    const t = aTick(() => {
      started += 1;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    await t.start(scheduler);

    clock.advance(40_000);
    await eventually(() => expect(started).toBe(1));
    let stopped = false;
    const stopping = t.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    finish();
    await stopping;

    // The tick scheduled before the stop comes due: it is handed back to the queue, not worked.
    const due = at('2026-05-04T10:02:00Z');
    clock.advance(INTERVAL * 1000);
    await eventually(async () =>
      expect(await scheduler.inspect(QUEUE, `tick:${due}`)).toMatchObject({
        attemptsMade: 1,
        failedReason: expect.stringMatching(/test tick is shutting down/),
      }),
    );
    expect(started).toBe(1);
    expect(await scheduler.inspect(QUEUE, `tick:${due + INTERVAL}`)).toBeUndefined();
  });

  it.each([0, -30, 1.5, Number.NaN])('refuses an interval of %p seconds', (intervalSeconds) => {
    expect(() => aTick(async () => undefined, intervalSeconds)).toThrow(RangeError);
  });

  it('refuses to start twice, which would register a second handler on the queue', async () => {
    const t = aTick(async () => undefined);
    await t.start(scheduler);
    await expect(t.start(scheduler)).rejects.toThrow(/already started/);
  });
});
