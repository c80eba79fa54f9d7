import type { LatencySummary } from '../events/percentiles';
import { table } from '../events/report';
import type { RemindersBenchArgs } from './args';
import type { BurstFigures } from './dispatch-burst';
import type { SchedulingFigures } from './scheduling-run';

export interface PathFigures {
  prefix: string;
  scheduling: SchedulingFigures;
  burst: BurstFigures;
  /** What the path's BullMQ clients reported (connection, queue, worker errors). */
  warnings: string[];
  /** Keys under the path's prefix once it was cleaned up: must be 0. */
  keysLeft: number;
}

export interface RemindersBenchReport {
  redis: string;
  settings: RemindersBenchArgs & { bucketBurst: number };
  port: PathFigures;
  raw: PathFigures;
  /** Ours divided by raw. */
  ratios: { schedulesPerSecond: number; bytesPerReminder: number; jobHashBytes: number };
  /** What the token bucket alone allows: the floor of the lateness. */
  ideal: { lateness: LatencySummary; drainSeconds: number };
  /** Our path's jobs were found under the id the raw path gives them (same key lengths). */
  rawIdsMatchPort: boolean;
  failures: string[];
  totalSeconds: number;
}

/** Everything that makes the figures wrong or would leave something behind; the run exits 1 if any. */
export function failuresOf(path: PathFigures, args: RemindersBenchArgs): string[] {
  const label = path.scheduling.label;
  const out: string[] = [];
  const delayed = path.scheduling.footprint.delayedJobs;
  if (delayed !== args.count)
    out.push(`${label}: ${delayed} delayed jobs in Redis for ${args.count} reminders scheduled`);
  const b = path.burst;
  if (b.scheduledInMs >= args.leadMs)
    out.push(
      `${label}: the burst took ${b.scheduledInMs} ms to schedule, past its due time (raise --lead-ms)`,
    );
  if (b.sent !== b.reminders) out.push(`${label}: ${b.sent} of ${b.reminders} burst reminders sent`);
  if (b.duplicates > 0) out.push(`${label}: ${b.duplicates} burst jobs ran more than once`);
  if (b.strays > 0) out.push(`${label}: ${b.strays} jobs ran that were not part of the burst`);
  for (const warning of path.warnings.slice(0, 5)) out.push(`${label}: BullMQ reported: ${warning}`);
  if (path.keysLeft > 0) out.push(`${label}: ${path.keysLeft} keys left under ${path.prefix}`);
  return out;
}

const f = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const mb = (bytes: number): string => f(bytes / 1_048_576, 1);

export function formatReport(r: RemindersBenchReport): string {
  const s = r.settings;
  const out: string[] = [];
  out.push(`Careloop reminders benchmark  Redis ${r.redis}  queue 'reminders'`);
  out.push(`Key prefixes: ours ${r.port.prefix}, raw ${r.raw.prefix} (deleted at the end)`);
  out.push('');
  out.push(
    `Scheduling ${s.count} reminders per path, due evenly over 4 weeks from an hour ahead. ` +
      `Ours: one JobScheduler.schedule per reminder (BullMqJobScheduler), job id reminder:<id>, data {reminderId}, ` +
      `${s.inFlight} in flight. Raw: sequential Queue.addBulk of ${s.bulk} jobs, same ids, delays and data.`,
  );
  out.push(
    table(
      [
        'path',
        'reminders',
        'seconds',
        'schedules/s',
        'vs raw',
        'used_memory +MB',
        'B/reminder',
        'job hash B',
        'delayed set B/reminder',
        'delayed jobs',
      ],
      [r.port, r.raw].map((p) => {
        const m = p.scheduling;
        return [
          m.label,
          String(m.reminders),
          f(m.seconds, 1),
          f(m.schedulesPerSecond, 0),
          `${f(m.schedulesPerSecond / r.raw.scheduling.schedulesPerSecond, 3)}x`,
          mb(m.usedMemoryAfter - m.usedMemoryBefore),
          f(m.bytesPerReminder, 0),
          f(m.footprint.meanJobHashBytes, 0),
          f(m.footprint.delayedSetBytes / m.reminders, 0),
          String(m.footprint.delayedJobs),
        ];
      }),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  out.push(
    `Ours / raw: schedules/s ${f(r.ratios.schedulesPerSecond, 3)}x, Redis bytes per reminder ` +
      `${f(r.ratios.bytesPerReminder, 2)}x (job hash ${f(r.ratios.jobHashBytes, 2)}x). ` +
      `B/reminder = used_memory growth / reminders; job hash = MEMORY USAGE, mean of ` +
      `${r.port.scheduling.footprint.sampledJobs} sampled jobs.`,
  );
  out.push('');
  out.push(
    `Dispatch: ${s.burst} reminders due at the same instant, ${s.leadMs / 1000} s after their scheduling began ` +
      `(the ${s.count} above still waiting in the queue); handler = the gateway's TokenBucket at ${s.rate}/s ` +
      `(${rateSource(s)}; burst ${s.bucketBurst}, one second's worth)` +
      `${s.sendMs > 0 ? `, then ${s.sendMs} ms of gateway call` : ''}; worker concurrency ${s.concurrency}. ` +
      `Expected drain ${f(r.ideal.drainSeconds, 1)} s.`,
  );
  if (s.sendMs > 0 && (s.concurrency * 1000) / s.sendMs < s.rate)
    out.push(
      `Note: ${s.concurrency} jobs at once, each holding its slot for the ${s.sendMs} ms call, start at most ` +
        `${f((s.concurrency * 1000) / s.sendMs, 1)}/s: the worker's concurrency, not the bucket, sets the pace.`,
    );
  out.push('Lateness in ms: due -> token taken (when the SMS would go); pick-up: due -> handler entered');
  const latencyRow = (label: string, l: LatencySummary, extra: string[]): string[] => [
    label,
    ...extra.slice(0, 1),
    f(l.p50, 0),
    f(l.p95, 0),
    f(l.p99, 0),
    f(l.max, 0),
    ...extra.slice(1),
  ];
  out.push(
    table(
      ['path', 'first pick-up', 'p50', 'p95', 'p99', 'max', 'pick-up p50', 'drain s', 'sends/s'],
      [
        latencyRow('ideal (the token bucket alone)', r.ideal.lateness, [
          '0',
          '-',
          f(r.ideal.drainSeconds, 2),
          f(s.rate, 1),
        ]),
        ...(
          [
            ['JobScheduler.process', r.port],
            ['raw BullMQ Worker', r.raw],
          ] as const
        ).map(([label, p]) =>
          latencyRow(label, p.burst.lateness, [
            f(p.burst.firstPickupMs, 0),
            f(p.burst.pickup.p50, 0),
            f(p.burst.drainSeconds, 2),
            f(p.burst.steadyRate, 1),
          ]),
        ),
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  const over = (k: 'p50' | 'p99') => f(r.port.burst.lateness[k] - r.ideal.lateness[k], 0);
  const overRaw = (k: 'p50' | 'p99') => f(r.raw.burst.lateness[k] - r.ideal.lateness[k], 0);
  out.push(
    `Above the bucket alone: ours p50 +${over('p50')} ms, p99 +${over('p99')} ms; ` +
      `raw p50 +${overRaw('p50')} ms, p99 +${overRaw('p99')} ms. sends/s: once the bucket's first ` +
      `${s.bucketBurst} tokens were spent.`,
  );
  out.push('');
  out.push(
    `Check: delayed jobs ${r.port.scheduling.footprint.delayedJobs} / ${r.raw.scheduling.footprint.delayedJobs} ` +
      `of ${s.count}; burst sent ${r.port.burst.sent} / ${r.raw.burst.sent} of ${s.burst}, ` +
      `${r.port.burst.duplicates + r.raw.burst.duplicates} run twice; ` +
      `raw ids as the port's: ${r.rawIdsMatchPort ? 'yes' : 'NO (memory comparison off by the id lengths)'}; ` +
      `keys left ${r.port.keysLeft} / ${r.raw.keysLeft}. Total run ${f(r.totalSeconds, 1)} s.`,
  );
  out.push(r.failures.length === 0 ? 'PASS' : `FAIL\n${r.failures.map((x) => `  ${x}`).join('\n')}`);
  return out.join('\n');
}

function rateSource(s: RemindersBenchArgs): string {
  if (s.rateFrom === 'SMS_RATE_PER_SECOND') return 'SMS_RATE_PER_SECOND';
  if (s.rateFrom === '--rate') return '--rate';
  return "the bench's default; the service's is 10/s";
}
