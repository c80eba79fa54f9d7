import { parseArgs } from 'node:util';
import { DEFAULT_SEND_JOB_POLICY } from '../../apps/reminders/src/sending/send-job-policy';

/** Everything the reminders benchmark can be told on the command line (`npm run bench:reminders -- --help`). */
export interface RemindersBenchArgs {
  /** Reminders scheduled by each path, due at times spread over the next four weeks. */
  count: number;
  /** Our path: `JobScheduler.schedule` calls in flight at once. */
  inFlight: number;
  /** Raw path: jobs per `Queue.addBulk` call. */
  bulk: number;
  /** Reminders of the dispatch burst, all due at the same instant. */
  burst: number;
  /** Sends per second the gateway's token bucket allows (SMS_RATE_PER_SECOND). */
  rate: number;
  /** Where the rate came from, for the report. */
  rateFrom: '--rate' | 'SMS_RATE_PER_SECOND' | 'default';
  /** Jobs the worker runs at once (the send worker's policy). */
  concurrency: number;
  /** A simulated gateway call after the token is taken, ms (0: none). */
  sendMs: number;
  /** How far ahead of the start of its scheduling the burst falls due, ms. */
  leadMs: number;
  json: boolean;
}

const DEFAULT_RATE = 50;

export const USAGE = `Usage: npm run bench:reminders -- [options]

  --count N         reminders scheduled by each path, due over the next 4 weeks  (default 1000000)
  --in-flight C     our path: JobScheduler.schedule calls in flight               (default 64)
  --bulk B          raw path: jobs per Queue.addBulk                              (default 1000)
  --burst B         reminders falling due at the same instant                     (default 300)
  --rate R          sends/s of the gateway's token bucket                         (default: SMS_RATE_PER_SECOND
                    if set, else ${DEFAULT_RATE}; the service's own default is 10)
  --concurrency W   jobs the worker runs at once                                  (default ${DEFAULT_SEND_JOB_POLICY.concurrency}, the send worker's)
  --send-ms S       simulated gateway call after each token, ms                   (default 0)
  --lead-ms L       the burst falls due this long after its scheduling starts     (default 5000)
  --json            print JSON instead of the table
  -h, --help        this text`;

/** Returns the parsed arguments, or `'help'` when usage was asked for. Throws on anything invalid. */
export function parseRemindersBenchArgs(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): RemindersBenchArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      count: { type: 'string' },
      'in-flight': { type: 'string' },
      bulk: { type: 'string' },
      burst: { type: 'string' },
      rate: { type: 'string' },
      concurrency: { type: 'string' },
      'send-ms': { type: 'string' },
      'lead-ms': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const int = (name: string, raw: string | undefined, fallback: number, min: number, max: number): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`--${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return n;
  };
  const envRate = env['SMS_RATE_PER_SECOND'];
  const [rawRate, rateFrom, rateName] =
    values.rate !== undefined
      ? ([values.rate, '--rate', '--rate'] as const)
      : envRate !== undefined && envRate !== ''
        ? ([envRate, 'SMS_RATE_PER_SECOND', 'SMS_RATE_PER_SECOND'] as const)
        : ([String(DEFAULT_RATE), 'default', '--rate'] as const);
  const rate = Number(rawRate);
  // The same bounds as the service's configuration.
  if (!Number.isFinite(rate) || rate <= 0 || rate > 1000)
    throw new Error(`${rateName} must be a number above 0 and at most 1000, got "${rawRate}"`);
  return {
    count: int('count', values.count, 1_000_000, 1, 10_000_000),
    inFlight: int('in-flight', values['in-flight'], 64, 1, 1000),
    bulk: int('bulk', values.bulk, 1000, 1, 100_000),
    burst: int('burst', values.burst, 300, 1, 100_000),
    rate,
    rateFrom,
    concurrency: int('concurrency', values.concurrency, DEFAULT_SEND_JOB_POLICY.concurrency, 1, 1000),
    sendMs: int('send-ms', values['send-ms'], 0, 0, 60_000),
    leadMs: int('lead-ms', values['lead-ms'], 5000, 500, 600_000),
    json: values.json ?? false,
  };
}
