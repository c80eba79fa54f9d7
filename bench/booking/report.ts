import type { BookingBenchArgs } from './args';
import type { Outcome, RoundResult } from './contest';
import type { SlotCheck } from './double-bookings';
import { summarise, type LatencySummary } from '../events/percentiles';
import { table } from '../events/report';

export interface PathFigures {
  label: string;
  rounds: number;
  attempts: number;
  booked: number;
  full: number;
  unexpected: number;
  /** Sum of the rounds' wall times (first attempt started -> last answered). */
  seconds: number;
  bookingsPerSecond: number;
  attemptsPerSecond: number;
  latencyMs: LatencySummary;
  /** The database after the run, over every slot of the path (warm-up rounds included). */
  check: SlotCheck;
  /** Answers of every round of the path (warm-up included), to compare with the database. */
  allRounds: { rounds: number; booked: number; unexpected: number };
  /** The first few unexpected answers, verbatim. */
  unexpectedSamples: string[];
}

export interface BookingBenchReport {
  database: string;
  settings: BookingBenchArgs & { servicePool: number };
  http: PathFigures;
  sql: PathFigures;
  /** HTTP bookings/s divided by bare SQL bookings/s. */
  ratio: number;
  doubleBookings: number;
  /** Why the run failed its checks, empty when it passed. */
  failures: string[];
  totalSeconds: number;
}

const isUnexpected = (o: Outcome): o is { unexpected: string } => typeof o === 'object';

/** Figures over the measured rounds; the checks over every round, warm-up included. */
export function pathFigures(
  label: string,
  warmup: RoundResult[],
  rounds: RoundResult[],
  check: SlotCheck,
): PathFigures {
  const outcomes: Outcome[] = rounds.flatMap((r) => r.outcomes);
  const booked = outcomes.filter((o) => o === 'booked').length;
  const full = outcomes.filter((o) => o === 'full').length;
  const everyOutcome = [...warmup, ...rounds].flatMap((r) => r.outcomes);
  const unexpected = everyOutcome.filter(isUnexpected);
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  return {
    label,
    rounds: rounds.length,
    attempts: outcomes.length,
    booked,
    full,
    unexpected: outcomes.filter(isUnexpected).length,
    seconds,
    bookingsPerSecond: booked / seconds,
    attemptsPerSecond: outcomes.length / seconds,
    latencyMs: summarise(rounds.flatMap((r) => r.latenciesMs)),
    check,
    allRounds: {
      rounds: warmup.length + rounds.length,
      booked: everyOutcome.filter((o) => o === 'booked').length,
      unexpected: unexpected.length,
    },
    unexpectedSamples: [...new Set(unexpected.map((o) => o.unexpected))].slice(0, 5),
  };
}

/** Everything that makes the figures wrong or the booking unsafe; the run exits 1 if any. */
export function failuresOf(path: PathFigures, slotsPerRound: number): string[] {
  const out: string[] = [];
  const c = path.check;
  if (c.doubleBookings > 0) out.push(`${path.label}: ${c.doubleBookings} double bookings`);
  if (c.takenMismatches > 0)
    out.push(`${path.label}: ${c.takenMismatches} slots whose taken differs from their appointments`);
  if (c.slotsLeftFree > 0) out.push(`${path.label}: ${c.slotsLeftFree} contested slots nobody got`);
  const all = path.allRounds;
  if (all.unexpected > 0) out.push(`${path.label}: ${all.unexpected} unexpected answers`);
  if (all.booked !== slotsPerRound * all.rounds)
    out.push(`${path.label}: ${all.booked} bookings answered for ${slotsPerRound * all.rounds} slots`);
  if (all.booked !== c.activeAppointments)
    out.push(
      `${path.label}: ${all.booked} bookings answered, ${c.activeAppointments} appointments in the database`,
    );
  return out;
}

const f = (n: number, digits = 1): string => (Number.isNaN(n) ? '-' : n.toFixed(digits));

export function formatReport(r: BookingBenchReport): string {
  const s = r.settings;
  const out: string[] = [];
  out.push(`Careloop booking benchmark  database ${r.database}`);
  out.push(
    `Each round: ${s.clients} concurrent clients, ${s.slots} fresh slots of capacity 1 ` +
      `(${s.clients / s.slots} contenders per slot); ${s.rounds} measured rounds per path, alternating, ` +
      `after ${s.warmup} warm-up rounds each. Pools: service ${s.servicePool}, bare SQL ${s.sqlPool} connections.`,
  );
  out.push('');
  out.push('Throughput and latency (latency in ms, from just before an attempt to its answer)');
  out.push(
    table(
      [
        'path',
        'attempts',
        '201 / booked',
        '409 / full',
        'other',
        'seconds',
        'bookings/s',
        'attempts/s',
        'p50',
        'p99',
        'max',
      ],
      [r.http, r.sql].map((p) => [
        p.label,
        String(p.attempts),
        String(p.booked),
        String(p.full),
        String(p.unexpected),
        f(p.seconds, 2),
        f(p.bookingsPerSecond),
        f(p.attemptsPerSecond),
        f(p.latencyMs.p50),
        f(p.latencyMs.p99),
        f(p.latencyMs.max),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  out.push('');
  out.push(
    `HTTP / bare SQL: bookings/s ${f(r.ratio, 3)}x, p50 ${f(r.http.latencyMs.p50 / r.sql.latencyMs.p50)}x, ` +
      `p99 ${f(r.http.latencyMs.p99 / r.sql.latencyMs.p99)}x`,
  );
  out.push('');
  out.push(
    table(
      [
        'check',
        'slots',
        'held/booked appointments',
        'double bookings',
        'taken mismatches',
        'slots left free',
      ],
      [r.http, r.sql].map((p) => [
        p.label,
        String(p.check.slots),
        String(p.check.activeAppointments),
        String(p.check.doubleBookings),
        String(p.check.takenMismatches),
        String(p.check.slotsLeftFree),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  out.push('');
  out.push(`Double bookings: ${r.doubleBookings}. Total run ${f(r.totalSeconds)} s.`);
  for (const p of [r.http, r.sql])
    for (const sample of p.unexpectedSamples) out.push(`  ${p.label}: ${sample}`);
  out.push(r.failures.length === 0 ? 'PASS' : `FAIL\n${r.failures.map((x) => `  ${x}`).join('\n')}`);
  return out.join('\n');
}
