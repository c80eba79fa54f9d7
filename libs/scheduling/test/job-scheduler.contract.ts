import type { Clock } from '@careloop/time';
import { JobRunningError, type JobScheduler, type RunningJob } from '../src';

export interface SchedulerHarness {
  scheduler: JobScheduler;
  clock: Clock;
  /** Lets `ms` of scheduler time pass: advances a manual clock, or really waits. */
  passTime(ms: number): Promise<void>;
  /** Closes the scheduler (if the test has not) and removes what it stored. */
  cleanup(): Promise<void>;
}

/** Polls `condition`, letting `step` ms of scheduler time pass between tries, for up to `timeoutMs` real ms. */
async function until(
  harness: SchedulerHarness,
  condition: () => boolean,
  step = 50,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await harness.passTime(step);
  }
}

/** A handler that records each run with the scheduler clock's time, then does `effect`. */
function recordingHandler(clock: Clock, effect: (job: RunningJob) => Promise<void> = async () => undefined) {
  const runs: (RunningJob & { at: number })[] = [];
  const handler = async (job: RunningJob): Promise<void> => {
    runs.push({ ...job, at: clock.now().getTime() });
    await effect(job);
  };
  return { runs, handler };
}

/**
 * One behavioural suite for every JobScheduler adapter. Times are kept to a few hundred ms so the
 * BullMQ run (real Redis, real delays) stays quick; the in-process run uses a ManualClock.
 */
export function describeJobSchedulerContract(name: string, factory: () => Promise<SchedulerHarness>): void {
  describe(`JobScheduler contract: ${name}`, () => {
    let harness: SchedulerHarness;
    let scheduler: JobScheduler;
    let queueCount = 0;
    let queue: string;
    const inMs = (ms: number): Date => new Date(harness.clock.now().getTime() + ms);

    beforeEach(async () => {
      harness = await factory();
      scheduler = harness.scheduler;
      queue = `contract-${++queueCount}`;
    });
    afterEach(() => harness.cleanup());

    it('runs a due job once, with its id, data and attempt number', async () => {
      const { runs, handler } = recordingHandler(harness.clock);
      scheduler.process(queue, handler);
      await scheduler.schedule(queue, {
        id: 'reminder:42',
        runAt: inMs(0),
        data: { reminderId: '42', urgent: true, order: 3 },
      });

      await until(harness, () => runs.length > 0);
      await harness.passTime(300);
      expect(runs.map(({ at: _at, ...job }) => job)).toEqual([
        { id: 'reminder:42', data: { reminderId: '42', urgent: true, order: 3 }, attempt: 1 },
      ]);
      expect(await scheduler.inspect(queue, 'reminder:42')).toMatchObject({
        state: 'completed',
        attemptsMade: 1,
      });
    });

    it('does not run a job before its time, then runs it', async () => {
      const { runs, handler } = recordingHandler(harness.clock);
      scheduler.process(queue, handler);
      const runAt = inMs(400);
      await scheduler.schedule(queue, { id: 'later', runAt, data: {} });

      await harness.passTime(200);
      expect(runs).toHaveLength(0);
      expect(await scheduler.inspect(queue, 'later')).toMatchObject({ state: 'scheduled', runAt });

      await until(harness, () => runs.length > 0);
      expect(runs).toHaveLength(1);
      expect(runs[0]!.at).toBeGreaterThanOrEqual(runAt.getTime());
    });

    it('runs jobs scheduled before the handler was registered', async () => {
      await scheduler.schedule(queue, { id: 'early', runAt: inMs(0), data: { n: 1 } });
      const { runs, handler } = recordingHandler(harness.clock);
      scheduler.process(queue, handler);
      await until(harness, () => runs.length > 0);
      expect(runs[0]).toMatchObject({ id: 'early', data: { n: 1 } });
    });

    it('never runs a cancelled job, and ignores cancelling an unknown one', async () => {
      const { runs, handler } = recordingHandler(harness.clock);
      scheduler.process(queue, handler);
      await scheduler.schedule(queue, { id: 'cancel-me', runAt: inMs(200), data: {} });
      await scheduler.schedule(queue, { id: 'keep-me', runAt: inMs(250), data: {} });
      await scheduler.cancel(queue, 'cancel-me');
      await scheduler.cancel(queue, 'never-scheduled');

      await until(harness, () => runs.length > 0);
      await harness.passTime(300);
      expect(runs.map((run) => run.id)).toEqual(['keep-me']);
      expect(await scheduler.inspect(queue, 'cancel-me')).toBeUndefined();
    });

    it('keeps one job per id: the same schedule twice runs once; a changed one replaces it', async () => {
      const { runs, handler } = recordingHandler(harness.clock);
      scheduler.process(queue, handler);
      const sameAt = inMs(150);
      await scheduler.schedule(queue, { id: 'same', runAt: sameAt, data: { v: 1 } });
      await scheduler.schedule(queue, { id: 'same', runAt: sameAt, data: { v: 1 } });
      await scheduler.schedule(queue, { id: 'moved', runAt: inMs(150), data: { v: 1 } });
      const movedTo = inMs(450);
      await scheduler.schedule(queue, { id: 'moved', runAt: movedTo, data: { v: 2 } });

      await until(harness, () => runs.length >= 2);
      await harness.passTime(300);
      expect(runs.map((run) => [run.id, run.data['v']])).toEqual([
        ['same', 1],
        ['moved', 2],
      ]);
      expect(runs[1]!.at).toBeGreaterThanOrEqual(movedTo.getTime());
      expect(await scheduler.inspect(queue, 'moved')).toMatchObject({ runAt: movedTo, data: { v: 2 } });

      // Repeating a schedule that already ran is still a duplicate: it does not run again.
      await scheduler.schedule(queue, { id: 'same', runAt: sameAt, data: { v: 1 } });
      await harness.passTime(300);
      expect(runs).toHaveLength(2);

      // A changed schedule for a finished job is a new run, from attempt 1.
      await scheduler.schedule(queue, { id: 'same', runAt: inMs(0), data: { v: 3 } });
      await until(harness, () => runs.length >= 3);
      expect(runs[2]).toMatchObject({ id: 'same', data: { v: 3 }, attempt: 1 });
    });

    it('retries a failing handler with backoff up to maxAttempts, then leaves the job failed', async () => {
      const { runs, handler } = recordingHandler(harness.clock, async () => {
        throw new Error('gateway down');
      });
      scheduler.process(queue, handler, { maxAttempts: 3, backoffMs: 50 });
      await scheduler.schedule(queue, { id: 'flaky', runAt: inMs(0), data: {} });

      await until(harness, () => runs.length >= 3);
      await harness.passTime(600);
      expect(runs.map((run) => run.attempt)).toEqual([1, 2, 3]);
      expect(await scheduler.inspect(queue, 'flaky')).toMatchObject({
        state: 'failed',
        attemptsMade: 3,
        failedReason: 'gateway down',
      });
    });

    it('completes a job whose retry succeeds', async () => {
      const { runs, handler } = recordingHandler(harness.clock, async (job) => {
        if (job.attempt === 1) throw new Error('transient');
      });
      scheduler.process(queue, handler, { maxAttempts: 5, backoffMs: 50 });
      await scheduler.schedule(queue, { id: 'recovers', runAt: inMs(0), data: {} });

      await until(harness, () => runs.length >= 2);
      await harness.passTime(400);
      expect(runs.map((run) => run.attempt)).toEqual([1, 2]);
      expect(await scheduler.inspect(queue, 'recovers')).toMatchObject({
        state: 'completed',
        attemptsMade: 2,
      });
    });

    it('refuses a stallAfterMs under 100 ms or not whole, registering nothing, and accepts a valid one', async () => {
      const { runs, handler } = recordingHandler(harness.clock);
      for (const stallAfterMs of [50, 1500.5, Number.NaN])
        expect(() => scheduler.process(queue, handler, { stallAfterMs })).toThrow(
          'stallAfterMs must be an integer of at least 100 ms',
        );

      scheduler.process(queue, handler, { stallAfterMs: 1000 });
      await scheduler.schedule(queue, { id: 'after-refusals', runAt: inMs(0), data: {} });
      await until(harness, () => runs.length > 0);
      expect(runs.map((run) => run.id)).toEqual(['after-refusals']);
    });

    it('runs no more jobs at once than the concurrency, and refuses to move a running job', async () => {
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let running = 0;
      let peak = 0;
      const { runs, handler } = recordingHandler(harness.clock, async () => {
        running += 1;
        peak = Math.max(peak, running);
        await gate;
        running -= 1;
      });
      scheduler.process(queue, handler, { concurrency: 2 });
      for (const id of ['a', 'b', 'c']) await scheduler.schedule(queue, { id, runAt: inMs(0), data: {} });

      await until(harness, () => runs.length >= 2);
      await harness.passTime(200);
      expect(runs).toHaveLength(2);
      const busy = runs[0]!.id;
      expect(await scheduler.inspect(queue, busy)).toMatchObject({ state: 'running' });
      await expect(
        scheduler.schedule(queue, { id: busy, runAt: inMs(60_000), data: {} }),
      ).rejects.toBeInstanceOf(JobRunningError);

      release();
      await until(harness, () => runs.length >= 3);
      expect(peak).toBe(2);
    });

    it('stops processing once closed and refuses new jobs', async () => {
      const { runs, handler } = recordingHandler(harness.clock);
      scheduler.process(queue, handler);
      await scheduler.schedule(queue, { id: 'after-close', runAt: inMs(200), data: {} });
      await scheduler.close();

      await harness.passTime(500);
      expect(runs).toHaveLength(0);
      await expect(scheduler.schedule(queue, { id: 'too-late', runAt: inMs(0), data: {} })).rejects.toThrow(
        /closed/,
      );
    });

    it('answers a ping while open', async () => {
      await expect(scheduler.ping()).resolves.toBeUndefined();
    });
  });
}
