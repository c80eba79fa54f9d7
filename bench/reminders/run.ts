/**
 * `npm run bench:reminders`: scheduling a million reminder jobs through our JobScheduler port against
 * raw BullMQ bulk adds on the same Redis in the same run, Redis memory per scheduled reminder, and how
 * late a burst of reminders falling due at once is sent through the gateway's rate limit. See
 * bench/README.md. Progress goes to stderr; the figures (table or JSON) to stdout; exit 1 if a check
 * fails. Every key it writes is deleted at the end, also after a failure, Ctrl-C or SIGTERM.
 */
import 'reflect-metadata';
import { deleteRedisKeys, redisUrl, uniqueRedisPrefix } from '@careloop/testing';
import { Cleanup } from '../events/cleanup';
import { now } from '../events/tracker';
import { runBench } from '../support/run-bench';
import { REMINDERS_QUEUE } from '../../apps/reminders/src/plan/reminder-jobs';
import { USAGE, parseRemindersBenchArgs, type RemindersBenchArgs } from './args';
import { idealLateness, limitFor, measureBurst } from './dispatch-burst';
import { PortPath } from './port-path';
import { progress } from './progress';
import { queueKeyPrefix, type QueuePath } from './queue-path';
import { RawBullMqPath, bullJobIdOfReminder } from './raw-path';
import { RedisProbe } from './redis-probe';
import { spreadReminders, type ReminderSet } from './reminder-set';
import { failuresOf, formatReport, type PathFigures, type RemindersBenchReport } from './report';
import { measureScheduling } from './scheduling-run';

const HOUR_MS = 3_600_000;
const FOUR_WEEKS_MS = 28 * 24 * HOUR_MS;

const url = redisUrl();
const prefixes = {
  port: uniqueRedisPrefix('bench-reminders-port'),
  raw: uniqueRedisPrefix('bench-reminders-raw'),
};
const cleanup = new Cleanup();
// Registered first, so it runs last: after every client that could still be writing has closed.
cleanup.defer('delete Redis keys', async () => {
  for (const prefix of Object.values(prefixes)) {
    const removed = await deleteRedisKeys(prefix, url);
    if (removed > 0) progress(`deleted ${removed} keys under ${prefix}`);
  }
});

async function run(args: RemindersBenchArgs): Promise<number> {
  const began = now();
  progress(
    `Redis ${redisHost(url)}, key prefixes ${prefixes.port} and ${prefixes.raw} ` +
      `(if this process is killed with -9: redis-cli --scan --pattern '<prefix>*' | xargs redis-cli unlink)`,
  );
  const probe = await RedisProbe.open(url);
  cleanup.defer('close probe connection', () => probe.close());
  // Both paths schedule the same reminders: same ids, same due times.
  const set = spreadReminders(args.count, Date.now() + HOUR_MS, FOUR_WEEKS_MS);

  let rawIdsMatchPort = false;
  const port = await runPath(new PortPath(url, prefixes.port, args.inFlight), set, args, probe, async () => {
    const key = `${queueKeyPrefix(prefixes.port, REMINDERS_QUEUE)}${bullJobIdOfReminder(set.at(0).id)}`;
    rawIdsMatchPort = await probe.exists(key);
  });
  const raw = await runPath(new RawBullMqPath(url, prefixes.raw, args.bulk), set, args, probe);

  const failures = [...failuresOf(port, args), ...failuresOf(raw, args)];
  const report: RemindersBenchReport = {
    redis: redisHost(url),
    settings: { ...args, bucketBurst: limitFor(args.rate).burst },
    port,
    raw,
    ratios: {
      schedulesPerSecond: port.scheduling.schedulesPerSecond / raw.scheduling.schedulesPerSecond,
      bytesPerReminder: port.scheduling.bytesPerReminder / raw.scheduling.bytesPerReminder,
      jobHashBytes: port.scheduling.footprint.meanJobHashBytes / raw.scheduling.footprint.meanJobHashBytes,
    },
    ideal: idealLateness(args.burst, args.rate),
    rawIdsMatchPort,
    failures,
    totalSeconds: (now() - began) / 1000,
  };
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `\n${formatReport(report)}\n`);
  return failures.length === 0 ? 0 : 1;
}

/**
 * One path from start to finish: the million, then the burst on the same queue, then its clients
 * closed and its keys deleted, so the next path starts from the same Redis.
 */
async function runPath(
  path: QueuePath,
  set: ReminderSet,
  args: RemindersBenchArgs,
  probe: RedisProbe,
  whileKeysExist?: () => Promise<void>,
): Promise<PathFigures> {
  cleanup.defer(`close ${path.label}`, () => path.close());
  const scheduling = await measureScheduling(path, set, probe);
  await whileKeysExist?.();
  const burst = await measureBurst(path, args);
  await path.close();
  const began = now();
  const removed = await deleteRedisKeys(path.prefix, url);
  progress(`${path.label}: deleted ${removed} keys in ${((now() - began) / 1000).toFixed(1)} s`);
  return {
    prefix: path.prefix,
    scheduling,
    burst,
    warnings: path.warnings,
    keysLeft: await probe.countKeys(path.prefix),
  };
}

/** Where Redis is, without any password the URL carries. */
function redisHost(redisUrl: string): string {
  const parsed = new URL(redisUrl);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}

// A timeout or `kill` sends SIGTERM: clean up as for Ctrl-C rather than leave a million keys behind.
process.once('SIGTERM', () => process.emit('SIGINT'));

runBench({
  usage: USAGE,
  parseArgs: (argv) => parseRemindersBenchArgs(argv),
  progress,
  run,
  cleanUp: () => cleanup.runAll(),
  cleanedUp: 'cleanup finished (clients closed, Redis keys deleted unless reported above)',
});
