import { parseArgs } from 'node:util';

/** Everything the booking benchmark can be told on the command line (`npm run bench:booking -- --help`). */
export interface BookingBenchArgs {
  /** Concurrent clients per round; each makes one booking attempt. */
  clients: number;
  /** Fresh slots of capacity 1 per round, the clients spread evenly over them. */
  slots: number;
  /** Measured rounds per path; the paths alternate round by round. */
  rounds: number;
  /** Unmeasured rounds per path first (connections, JIT, plans). */
  warmup: number;
  /** Connections of the bare SQL path's pool; the booking service's own pool has 10. */
  sqlPool: number;
  json: boolean;
}

export const USAGE = `Usage: npm run bench:booking -- [options]

  --clients N     concurrent clients per round, one booking attempt each   (default 200)
  --slots S       fresh capacity-1 slots per round                          (default 20)
  --rounds R      measured rounds per path, the paths alternating           (default 10)
  --warmup W      unmeasured rounds per path first                          (default 2)
  --sql-pool P    connections of the bare SQL path (the service has 10)     (default 10)
  --json          print JSON instead of the table
  -h, --help      this text`;

/** Returns the parsed arguments, or `'help'` when usage was asked for. Throws on anything invalid. */
export function parseBookingBenchArgs(argv: string[]): BookingBenchArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      clients: { type: 'string' },
      slots: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      'sql-pool': { type: 'string' },
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
  const args: BookingBenchArgs = {
    clients: int('clients', values.clients, 200, 1, 5000),
    slots: int('slots', values.slots, 20, 1, 500),
    rounds: int('rounds', values.rounds, 10, 1, 100),
    warmup: int('warmup', values.warmup, 2, 0, 20),
    sqlPool: int('sql-pool', values['sql-pool'], 10, 1, 100),
    json: values.json ?? false,
  };
  if (args.slots > args.clients)
    throw new Error('--slots must not exceed --clients (every slot is contested)');
  return args;
}
