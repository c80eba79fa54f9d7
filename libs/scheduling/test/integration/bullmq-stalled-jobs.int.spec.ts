import { deleteRedisKeys, eventually, redisUrl, uniqueRedisPrefix } from '@careloop/testing';
import { SystemClock } from '@careloop/time';
import { BullMqJobScheduler, type RunningJob } from '../../src';
import { startHangingWorker, type WorkerProcess } from '../support/worker-process';

const STALL_AFTER_MS = 1000;
const QUEUE = 'stalls';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A job whose worker process dies is run again by a live worker once the dead one's lock lapses
 * (StallOptions.stallAfterMs); a job that merely runs long stays with its live worker.
 */
describe('BullMQ jobs whose worker process dies', () => {
  let prefix: string;
  let scheduler: BullMqJobScheduler;
  let hanging: WorkerProcess | undefined;
  let runs: (RunningJob & { at: number })[];

  beforeEach(async () => {
    prefix = uniqueRedisPrefix('scheduling-stalls');
    scheduler = new BullMqJobScheduler({ redisUrl: redisUrl(), prefix, clock: new SystemClock() });
    runs = [];
    hanging = await startHangingWorker({
      redisUrl: redisUrl(),
      prefix,
      queue: QUEUE,
      stallAfterMs: STALL_AFTER_MS,
    });
    await scheduler.schedule(QUEUE, { id: 'reminder:7', runAt: new Date(), data: { reminderId: '7' } });
    await eventually(() => expect(hanging!.printed()).toContainEqual({ started: 'reminder:7' }));
    // A second worker, as in production: it would take the job if the first one's lock lapsed.
    scheduler.process(QUEUE, async (job) => void runs.push({ ...job, at: Date.now() }), {
      stallAfterMs: STALL_AFTER_MS,
    });
  }, 40_000);

  afterEach(async () => {
    hanging?.child.kill('SIGKILL');
    await hanging?.exited;
    await scheduler.close();
    await deleteRedisKeys(prefix);
  });

  it('leaves a job that runs longer than stallAfterMs with its live worker', async () => {
    await sleep(4 * STALL_AFTER_MS);
    expect(runs).toEqual([]);
    expect(await scheduler.inspect(QUEUE, 'reminder:7')).toMatchObject({ state: 'running' });
  });

  it('runs it again on a live worker about stallAfterMs after its worker process was killed', async () => {
    const killedAt = Date.now();
    hanging!.child.kill('SIGKILL');
    expect(await hanging!.exited).toEqual({ code: null, signal: 'SIGKILL' });

    await eventually(() => expect(runs).toHaveLength(1), { timeoutMs: 10 * STALL_AFTER_MS });
    expect(runs[0]).toMatchObject({ id: 'reminder:7', data: { reminderId: '7' } });
    // Not before the dead worker's lock lapsed (renewed every half stallAfterMs at most), and within
    // the documented three times stallAfterMs (plus Redis round trips).
    const recoveredAfter = runs[0]!.at - killedAt;
    expect(recoveredAfter).toBeGreaterThanOrEqual(STALL_AFTER_MS / 2);
    expect(recoveredAfter).toBeLessThanOrEqual(3 * STALL_AFTER_MS + 500);
    await eventually(async () =>
      expect(await scheduler.inspect(QUEUE, 'reminder:7')).toMatchObject({ state: 'completed' }),
    );
  });
});
