/**
 * A worker process whose handler never finishes, for tests that kill a worker mid-job:
 * `node -r @swc-node/register <this file> <redisUrl> <prefix> <queue> <stallAfterMs>` (cwd the
 * repository root). Prints one JSON line per job it starts, `{"started":"<job id>"}`, after
 * `{"ready":true}`. Arguments rather than environment keys: this is no Careloop process.
 */
import { SystemClock } from '@careloop/time';
import { BullMqJobScheduler } from '../../src';

const [redisUrl, prefix, queue, stallAfterMs] = process.argv.slice(2);
if (!redisUrl || !prefix || !queue || !stallAfterMs) {
  console.error('usage: hanging-worker-process <redisUrl> <prefix> <queue> <stallAfterMs>');
  process.exit(2);
}

const scheduler = new BullMqJobScheduler({ redisUrl, prefix, clock: new SystemClock() });
scheduler.process(
  queue,
  (job) => {
    console.log(JSON.stringify({ started: job.id }));
    return new Promise<void>(() => undefined);
  },
  { stallAfterMs: Number(stallAfterMs) },
);
// Its stdin is the test's pipe: when the test runner dies without killing it, it must not linger.
process.stdin.on('end', () => process.exit(0)).resume();
console.log(JSON.stringify({ ready: true }));
