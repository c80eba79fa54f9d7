import type { BenchArgs } from './args';
import type { LatencySummary } from './percentiles';
import type { PlatformResult, ThroughputResult } from './platform-path';
import type { RawResult } from './raw-kafka-path';

export interface BenchReport {
  runId: string;
  brokers: string[];
  partitions: number;
  settings: {
    relayIdlePollMs: number;
    relayBatchSize: number;
    partitionsConsumedConcurrently: number;
    writers: number;
    batchPerTx: number;
    warmupEvents: number;
    events: number;
    rate: number;
    seconds: number;
  };
  throughput: (ThroughputResult & { ratioToBaseline: number })[];
  latency: {
    platform: PlatformResult['latency'];
    raw: RawResult['latency'];
  };
  verification: PlatformResult['verification'];
  totalSeconds: number;
}

export function buildReport(
  args: BenchArgs,
  runId: string,
  brokers: string[],
  platform: PlatformResult,
  raw: RawResult,
  totalSeconds: number,
): BenchReport {
  const baseline = raw.throughput.eventsPerSecond;
  return {
    runId,
    brokers,
    partitions: 3,
    settings: {
      relayIdlePollMs: args.pollMs,
      relayBatchSize: args.relayBatch,
      partitionsConsumedConcurrently: args.partitionConcurrency,
      writers: args.writers,
      batchPerTx: args.batchPerTx,
      warmupEvents: args.warmup,
      events: args.events,
      rate: args.rate,
      seconds: args.seconds,
    },
    throughput: [...platform.throughput, raw.throughput].map((t) => ({
      ...t,
      ratioToBaseline: t.eventsPerSecond / baseline,
    })),
    latency: { platform: platform.latency, raw: raw.latency },
    verification: platform.verification,
    totalSeconds,
  };
}

type Align = 'l' | 'r';

/** Plain aligned columns: a header row, a rule, the rows. */
export function table(headers: string[], rows: string[][], align: Align[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (align[c] === 'l' ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const f = (n: number | undefined, digits = 1): string =>
  n === undefined || Number.isNaN(n) ? '-' : n.toFixed(digits);

function latencyCells(s: LatencySummary): string[] {
  return [f(s.p50), f(s.p95), f(s.p99), f(s.max), f(s.mean)];
}

export function formatReport(r: BenchReport): string {
  const s = r.settings;
  const out: string[] = [];
  out.push(
    `Careloop events benchmark  run ${r.runId}  broker ${r.brokers.join(',')}  topics: ${r.partitions} partitions`,
  );
  out.push(
    `Settings: OutboxRelay idlePollMs=${s.relayIdlePollMs} batchSize=${s.relayBatchSize}` +
      ' (woken on commit by in-process writers)' +
      `  |  KafkaEventTransport partitionsConsumedConcurrently=${s.partitionsConsumedConcurrently}` +
      `  |  ${s.writers} concurrent writers  |  warm-up ${s.warmupEvents} events per path (not measured)`,
  );
  const bytes = r.throughput.map((t) => `${t.label.split(',')[0]} ${t.meanValueBytes.toFixed(0)} B`);
  out.push(`Mean message value: ${[...new Set(bytes)].join(', ')}`);
  out.push('');
  out.push(
    `Throughput, ${s.events} events per row: platform = first write -> last projection row committed; ` +
      `raw = first send -> last message consumed`,
  );
  out.push(
    table(
      [
        'path',
        'events',
        'seconds',
        'events/s',
        'vs raw',
        'writes done',
        'relay done',
        'relay batches (mean/max)',
      ],
      r.throughput.map((t) => [
        t.label,
        String(t.events),
        f(t.seconds, 2),
        f(t.eventsPerSecond, 0),
        `${f(t.ratioToBaseline, 3)}x`,
        `${f(t.writesDoneSeconds, 2)} s`,
        t.publishedSeconds === undefined ? '-' : `${f(t.publishedSeconds, 2)} s`,
        t.relayBatches ? `${t.relayBatches.count} (${f(t.relayBatches.mean, 0)}/${t.relayBatches.max})` : '-',
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  out.push('');
  const p = r.latency.platform;
  const raw = r.latency.raw;
  out.push(
    `Latency at ${s.rate} events/s for ${s.seconds} s, in ms: platform = just before the writing transaction's ` +
      `COMMIT -> projection row committed; raw = just before send -> consumed`,
  );
  out.push(
    table(
      ['path', 'events', 'offered/s', 'p50', 'p95', 'p99', 'max', 'mean'],
      [
        [
          'platform (1 event/tx)',
          String(p.endToEnd.count),
          f(p.offered.achievedRate),
          ...latencyCells(p.endToEnd),
        ],
        [
          'raw kafkajs send',
          String(raw.endToEnd.count),
          f(raw.offered.achievedRate),
          ...latencyCells(raw.endToEnd),
        ],
        [
          'platform / raw',
          '',
          '',
          ...(['p50', 'p95', 'p99', 'max', 'mean'] as const).map(
            (k) => `${f(p.endToEnd[k] / raw.endToEnd[k], 1)}x`,
          ),
        ],
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  out.push('');
  out.push('Platform latency by stage, in ms (same run)');
  out.push(
    table(
      ['stage', 'p50', 'p95', 'p99', 'max', 'mean'],
      [
        ['commit -> relay publish acknowledged', ...latencyCells(p.stages.commitToPublished)],
        ['publish acknowledged -> handler entered', ...latencyCells(p.stages.publishedToHandler)],
        ['handler entered -> projection committed', ...latencyCells(p.stages.handlerToCommitted)],
      ],
      ['l', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  const v = r.verification;
  out.push('');
  out.push(
    `Check: ${v.expectedEvents} platform events expected; outbox ${v.outboxRows} rows (${v.outboxUnpublished} unpublished), ` +
      `inbox ${v.inboxRows} rows, projection ${v.projectionRows} rows; ` +
      `library logged ${v.warnings} warnings, ${v.errors} errors. Total run ${f(r.totalSeconds)} s.`,
  );
  for (const sample of v.logSamples) out.push(`  ${sample}`);
  return out.join('\n');
}
