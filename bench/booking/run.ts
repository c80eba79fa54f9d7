/**
 * `npm run bench:booking`: many clients racing for few slots through booking's HTTP API, against the
 * bare SQL booking transaction on the same Postgres in the same run, and a check that no slot was
 * double booked. See bench/README.md. Progress goes to stderr; the figures (table or JSON) to stdout;
 * exit 1 on a double booking or anything else that makes the figures wrong.
 */
import 'reflect-metadata';
import { Pool } from 'pg';
import { USAGE, parseBookingBenchArgs, type BookingBenchArgs } from './args';
import { startBookingWorld, type BookingWorld } from './booking-world';
import { contestSlots, type BookingAttempt, type RoundResult } from './contest';
import { checkSlots } from './double-bookings';
import { httpBooking } from './http-path';
import { progress } from './progress';
import { failuresOf, formatReport, pathFigures, type BookingBenchReport } from './report';
import { sqlBooking } from './sql-path';
import { Cleanup } from '../events/cleanup';
import { now } from '../events/tracker';
import { runBench } from '../support/run-bench';

/** The booking service's pool (the runtime does not size it; the persistence default). */
const SERVICE_POOL = 10;

interface PathRun {
  label: string;
  attempt: BookingAttempt;
  slotIds: string[];
  warmup: RoundResult[];
  rounds: RoundResult[];
}

const cleanup = new Cleanup();

async function run(args: BookingBenchArgs): Promise<number> {
  const began = now();
  const world = await startBookingWorld(args.clients, cleanup);
  const pool = new Pool({
    connectionString: world.databaseUrl,
    max: args.sqlPool,
    application_name: 'bench-booking-sql',
  });
  cleanup.defer('close bare SQL pool', () => pool.end());

  const paths: PathRun[] = [
    { label: 'HTTP POST /appointments', attempt: httpBooking(world), slotIds: [], warmup: [], rounds: [] },
    {
      label: 'bare SQL transaction',
      attempt: sqlBooking(pool, world.clientIds),
      slotIds: [],
      warmup: [],
      rounds: [],
    },
  ];
  // Alternating round by round, so both paths see the same table sizes and the same machine load.
  for (let round = 0; round < args.warmup + args.rounds; round += 1) {
    const measured = round >= args.warmup;
    for (const path of paths) {
      const result = await playRound(world, args, path);
      (measured ? path.rounds : path.warmup).push(result);
    }
    progress(
      `${measured ? 'round' : 'warm-up'} ${measured ? round - args.warmup + 1 : round + 1}: ` +
        paths
          .map((p) => `${p.label} ${(measured ? p.rounds : p.warmup).at(-1)!.seconds.toFixed(3)} s`)
          .join(', '),
    );
  }

  const [http, sql] = await Promise.all(
    paths.map(async (p) =>
      pathFigures(p.label, p.warmup, p.rounds, await checkSlots(world.dataSource, p.slotIds)),
    ),
  );
  const failures = [...failuresOf(http!, args.slots), ...failuresOf(sql!, args.slots)];
  const report: BookingBenchReport = {
    database: world.databaseName,
    settings: { ...args, servicePool: SERVICE_POOL },
    http: http!,
    sql: sql!,
    ratio: http!.bookingsPerSecond / sql!.bookingsPerSecond,
    doubleBookings: http!.check.doubleBookings + sql!.check.doubleBookings,
    failures,
    totalSeconds: (now() - began) / 1000,
  };
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `\n${formatReport(report)}\n`);
  return failures.length === 0 ? 0 : 1;
}

/** Fresh slots for this path's round, then every client at once. */
async function playRound(world: BookingWorld, args: BookingBenchArgs, path: PathRun): Promise<RoundResult> {
  const slotIds = await world.freshSlots(args.slots);
  path.slotIds.push(...slotIds);
  return contestSlots(slotIds, args.clients, path.attempt);
}

runBench({
  usage: USAGE,
  parseArgs: parseBookingBenchArgs,
  progress,
  run,
  cleanUp: () => cleanup.runAll(),
  cleanedUp: 'cleanup finished (service stopped, database dropped unless reported above)',
});
