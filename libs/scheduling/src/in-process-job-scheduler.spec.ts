import { ManualClock, SystemClock } from '@careloop/time';
import { describeJobSchedulerContract } from '../test/job-scheduler.contract';
import { InProcessJobScheduler } from './in-process-job-scheduler';

// Lets handlers started by a clock change (or a finished run) settle before the next check.
const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

describeJobSchedulerContract('in-process with a ManualClock', async () => {
  const clock = new ManualClock('2026-03-29T00:30:00Z');
  const scheduler = new InProcessJobScheduler({ clock });
  return {
    scheduler,
    clock,
    passTime: async (ms) => {
      clock.advance(ms);
      await flush();
    },
    cleanup: () => scheduler.close(),
  };
});

describe('InProcessJobScheduler on the system clock', () => {
  it('wakes itself with a real timer when the job falls due', async () => {
    const clock = new SystemClock();
    const scheduler = new InProcessJobScheduler({ clock });
    const ranAt: number[] = [];
    scheduler.process('timers', async () => void ranAt.push(Date.now()));
    const runAt = new Date(Date.now() + 80);
    await scheduler.schedule('timers', { id: 'soon', runAt, data: {} });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await scheduler.close();
    expect(ranAt).toHaveLength(1);
    expect(ranAt[0]).toBeGreaterThanOrEqual(runAt.getTime());
  });
});

describe('InProcessJobScheduler with a ManualClock', () => {
  it('does not run a job until the clock reaches it, however much real time passes', async () => {
    const clock = new ManualClock('2026-10-25T00:00:00Z');
    const scheduler = new InProcessJobScheduler({ clock });
    const runs: string[] = [];
    scheduler.process('manual', async (job) => void runs.push(job.id));
    await scheduler.schedule('manual', {
      id: 'in-an-hour',
      runAt: new Date('2026-10-25T01:00:00Z'),
      data: {},
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs).toEqual([]);
    clock.set('2026-10-25T01:00:00Z');
    await flush();
    expect(runs).toEqual(['in-an-hour']);
    await scheduler.close();
  });
});
