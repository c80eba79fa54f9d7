import { parseArgs } from 'node:util';

/** Everything the events benchmark can be told on the command line (`npm run bench:events -- --help`). */
export interface BenchArgs {
  /** Events per throughput run (each path, each variant). */
  events: number;
  /** Concurrent writer transactions in the platform throughput runs. */
  writers: number;
  /** Events per transaction in the batched platform variant; 0 skips that variant. */
  batchPerTx: number;
  /** Offered rate of the latency runs, events per second. */
  rate: number;
  /** Duration of each latency run, seconds. */
  seconds: number;
  /** OutboxRelay `idlePollMs`: how long the relay sleeps when it found less than a full batch. */
  pollMs: number;
  /** OutboxRelay `batchSize`; also the raw path's `sendBatch` size in its throughput run. */
  relayBatch: number;
  /** KafkaEventTransport `partitionsConsumedConcurrently` (the library default is 1). */
  partitionConcurrency: number;
  /** Events sent through each path before measuring (connections, JIT, metadata). */
  warmup: number;
  /** Print the figures as JSON instead of the table. */
  json: boolean;
}

export const USAGE = `Usage: npm run bench:events -- [options]

  --events N                  events per throughput run                     (default 5000)
  --writers W                 concurrent writer transactions                (default 8)
  --batch-per-tx B            events per transaction, batched variant; 0 off (default 50)
  --rate R                    offered rate of the latency runs, events/s    (default 200)
  --seconds S                 duration of each latency run                  (default 100)
  --poll-ms P                 OutboxRelay idlePollMs                        (default 100)
  --relay-batch B             OutboxRelay batchSize and raw sendBatch size  (default 200)
  --partition-concurrency C   consumer partitionsConsumedConcurrently       (default 3)
  --warmup N                  warm-up events per path, not measured         (default 200)
  --json                      print JSON instead of the table
  -h, --help                  this text`;

const DEFAULTS: Omit<BenchArgs, 'json'> = {
  events: 5000,
  writers: 8,
  batchPerTx: 50,
  rate: 200,
  seconds: 10,
  pollMs: 100,
  relayBatch: 200,
  partitionConcurrency: 3,
  warmup: 200,
};

/** Returns the parsed arguments, or `'help'` when usage was asked for. Throws on anything invalid. */
export function parseBenchArgs(argv: string[]): BenchArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      events: { type: 'string' },
      writers: { type: 'string' },
      'batch-per-tx': { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      'poll-ms': { type: 'string' },
      'relay-batch': { type: 'string' },
      'partition-concurrency': { type: 'string' },
      warmup: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const int = (name: string, raw: string | undefined, fallback: number, min: number): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min)
      throw new Error(`--${name} must be an integer >= ${min}, got "${raw}"`);
    return n;
  };
  const args: BenchArgs = {
    events: int('events', values.events, DEFAULTS.events, 1),
    writers: int('writers', values.writers, DEFAULTS.writers, 1),
    batchPerTx: int('batch-per-tx', values['batch-per-tx'], DEFAULTS.batchPerTx, 0),
    rate: int('rate', values.rate, DEFAULTS.rate, 1),
    seconds: int('seconds', values.seconds, DEFAULTS.seconds, 1),
    pollMs: int('poll-ms', values['poll-ms'], DEFAULTS.pollMs, 1),
    relayBatch: int('relay-batch', values['relay-batch'], DEFAULTS.relayBatch, 1),
    partitionConcurrency: int(
      'partition-concurrency',
      values['partition-concurrency'],
      DEFAULTS.partitionConcurrency,
      1,
    ),
    warmup: int('warmup', values.warmup, DEFAULTS.warmup, 0),
    json: values.json ?? false,
  };
  if (args.rate * args.seconds > 100_000) throw new Error('--rate x --seconds is capped at 100000 events');
  return args;
}
