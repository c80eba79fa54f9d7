import { NestFactory } from '@nestjs/core';
import { referralCreatedV1 } from '@careloop/contracts';
import {
  KafkaEventTransport,
  KafkaPublisher,
  Outbox,
  OutboxRelay,
  PassThroughEventErrorsFilter,
  messagingTablesMigration,
  type KafkaSettings,
} from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import { createTestDatabase } from '@careloop/testing';
import { SystemClock } from '@careloop/time';
import type { BenchArgs } from './args';
import {
  BENCH_CONSUMER,
  BENCH_PRODUCER,
  BenchConsumerModule,
  BenchProjectionTable1764500000000,
  timeProjectionCommits,
} from './bench-consumer';
import { progress, type Cleanup } from './cleanup';
import { referralInputs, type ReferralInput } from './events';
import { CountingLogger, quietPersistenceLogger } from './logger';
import { durations, summarise, type LatencySummary } from './percentiles';
import { fireAtFixedRate, type OfferedLoad } from './schedule';
import { TimedPublisher } from './timed-publisher';
import { Phase, Tracker, now } from './tracker';

const PHASE_TIMEOUT_MS = 120_000;

export interface ThroughputResult {
  label: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Seconds from the first write until the last write (platform) or send (raw) completed. */
  writesDoneSeconds: number;
  /** Platform only: seconds from the first write until the relay's last publish was acknowledged. */
  publishedSeconds?: number;
  /** Platform only: how the relay batched the run's events. */
  relayBatches?: { count: number; mean: number; max: number };
  meanValueBytes: number;
}

export interface PlatformLatencyResult {
  offered: OfferedLoad;
  endToEnd: LatencySummary;
  stages: {
    commitToPublished: LatencySummary;
    publishedToHandler: LatencySummary;
    handlerToCommitted: LatencySummary;
  };
}

export interface PlatformResult {
  throughput: ThroughputResult[];
  latency: PlatformLatencyResult;
  verification: {
    expectedEvents: number;
    projectionRows: number;
    inboxRows: number;
    outboxRows: number;
    outboxUnpublished: number;
    warnings: number;
    errors: number;
    logSamples: string[];
  };
}

/**
 * Outbox.add in writer transactions -> OutboxRelay -> Kafka -> KafkaEventTransport -> @ConsumeEvent
 * handler writing a projection row with its inbox row. The producing and consuming services each get
 * their own schema and connection pool, in one fresh database.
 */
export async function runPlatformPath(
  args: BenchArgs,
  runId: string,
  brokers: string[],
  cleanup: Cleanup,
): Promise<PlatformResult> {
  const testDb = await createTestDatabase('bench_events');
  cleanup.defer('drop database', () => testDb.drop());
  const producerDb = await Database.open(
    {
      url: testDb.url,
      applicationName: 'bench-producer',
      poolSize: args.writers + 2,
      logger: quietPersistenceLogger,
    },
    [{ schema: BENCH_PRODUCER, entities: [], migrations: [messagingTablesMigration(BENCH_PRODUCER)] }],
  );
  cleanup.defer('close producer pool', () => producerDb.close());
  const consumerDb = await Database.open(
    {
      url: testDb.url,
      applicationName: 'bench-consumer',
      poolSize: args.partitionConcurrency + 2,
      logger: quietPersistenceLogger,
    },
    [
      {
        schema: BENCH_CONSUMER,
        entities: [],
        migrations: [messagingTablesMigration(BENCH_CONSUMER), BenchProjectionTable1764500000000],
      },
    ],
  );
  cleanup.defer('close consumer pool', () => consumerDb.close());
  progress(`database ${testDb.name} ready`);

  const tracker = new Tracker();
  timeProjectionCommits(consumerDb.dataSource, tracker);
  const logger = new CountingLogger();
  const clock = new SystemClock();
  const settings: KafkaSettings = {
    brokers,
    clientId: `${runId}-platform`,
    topicPrefix: `${runId}.platform.`,
    groupPrefix: `${runId}.platform.`,
    partitions: 3,
  };

  const publisher = new KafkaPublisher(settings);
  await publisher.prepare(); // creates the (prefixed) topics
  cleanup.defer('close relay publisher', () => publisher.close());
  const relay = new OutboxRelay(
    producerDb.dataSource,
    BENCH_PRODUCER,
    new TimedPublisher(publisher, tracker),
    logger,
    { idlePollMs: args.pollMs, batchSize: args.relayBatch },
  );
  relay.start();
  cleanup.defer('stop relay', () => relay.stop());

  const transport = new KafkaEventTransport({
    settings,
    dataSource: consumerDb.dataSource,
    clock,
    logger,
    partitionsConsumedConcurrently: args.partitionConcurrency,
  });
  const app = await NestFactory.createMicroservice(BenchConsumerModule.withTracker(tracker), {
    strategy: transport,
    logger: false,
  });
  app.useGlobalFilters(new PassThroughEventErrorsFilter());
  cleanup.defer('close consumer app', () => app.close());
  await app.listen();
  await transport.whenJoined();
  progress('platform consumer joined its group');

  const outbox = new Outbox(BENCH_PRODUCER, clock);
  const write = (phase: Phase, inputs: ReferralInput[], perTx: number) =>
    writeConcurrently(producerDb, outbox, tracker, phase, inputs, perTx, args.writers);

  if (args.warmup > 0) {
    const warmup = new Phase('platform-warmup', args.warmup);
    await write(warmup, referralInputs(args.warmup), 1);
    await warmup.whenFinished(PHASE_TIMEOUT_MS);
    progress(`warm-up: ${args.warmup} events`);
  }

  const throughput: ThroughputResult[] = [];
  const variants = [1, ...(args.batchPerTx > 1 ? [args.batchPerTx] : [])];
  for (const perTx of variants) {
    const label =
      perTx === 1
        ? `platform, 1 event/tx, ${args.writers} writers`
        : `platform, ${perTx} events/tx, ${args.writers} writers`;
    const phase = new Phase(`platform-${perTx}-per-tx`, args.events);
    await write(phase, referralInputs(args.events), perTx);
    await phase.whenFinished(PHASE_TIMEOUT_MS);
    throughput.push(platformThroughput(label, phase));
    progress(`${label}: ${throughput.at(-1)!.eventsPerSecond.toFixed(0)} events/s`);
  }

  const latencyPhase = new Phase('platform-latency', args.rate * args.seconds);
  const latencyInputs = referralInputs(latencyPhase.expected);
  progress(`platform latency: ${args.rate} events/s for ${args.seconds} s`);
  latencyPhase.beganAt = now();
  const offered = await fireAtFixedRate(args.rate, args.seconds, async (i) => {
    await producerDb.transaction(async (manager) => {
      const { id } = await outbox.add(manager, referralCreatedV1, latencyInputs[i]!);
      tracker.start(id, latencyPhase, now()); // the last thing before COMMIT
    });
  });
  await latencyPhase.whenFinished(PHASE_TIMEOUT_MS);
  const latency: PlatformLatencyResult = {
    offered,
    endToEnd: summarise(durations(latencyPhase.startedAt, latencyPhase.doneAt)),
    stages: {
      commitToPublished: summarise(durations(latencyPhase.startedAt, latencyPhase.publishedAt)),
      publishedToHandler: summarise(durations(latencyPhase.publishedAt, latencyPhase.handledAt)),
      handlerToCommitted: summarise(durations(latencyPhase.handledAt, latencyPhase.doneAt)),
    },
  };

  const expectedEvents = args.warmup + args.events * variants.length + latencyPhase.expected;
  const count = async (db: Database, sql: string): Promise<number> =>
    ((await db.dataSource.query(sql)) as { n: number }[])[0]!.n;
  const verification = {
    expectedEvents,
    projectionRows: await count(
      consumerDb,
      `SELECT count(*)::int AS n FROM "${BENCH_CONSUMER}"."projection"`,
    ),
    inboxRows: await count(consumerDb, `SELECT count(*)::int AS n FROM "${BENCH_CONSUMER}"."inbox"`),
    outboxRows: await count(producerDb, `SELECT count(*)::int AS n FROM "${BENCH_PRODUCER}"."outbox"`),
    outboxUnpublished: await count(
      producerDb,
      `SELECT count(*)::int AS n FROM "${BENCH_PRODUCER}"."outbox" WHERE "published_at" IS NULL`,
    ),
    warnings: logger.warnings,
    errors: logger.errors,
    logSamples: logger.samples,
  };
  return { throughput, latency, verification };
}

/** `writers` concurrent loops, each committing transactions of `perTx` events until none are left. */
async function writeConcurrently(
  db: Database,
  outbox: Outbox,
  tracker: Tracker,
  phase: Phase,
  inputs: ReferralInput[],
  perTx: number,
  writers: number,
): Promise<void> {
  let next = 0;
  const writer = async (): Promise<void> => {
    while (next < inputs.length) {
      const chunk = inputs.slice(next, next + perTx);
      next += chunk.length;
      await db.transaction(async (manager) => {
        const ids: string[] = [];
        for (const input of chunk) ids.push((await outbox.add(manager, referralCreatedV1, input)).id);
        const at = now(); // just before COMMIT
        for (const id of ids) tracker.start(id, phase, at);
      });
    }
  };
  phase.beganAt = now();
  await Promise.all(Array.from({ length: Math.min(writers, Math.ceil(inputs.length / perTx)) }, writer));
  phase.writesDoneAt = now();
}

function platformThroughput(label: string, phase: Phase): ThroughputResult {
  const seconds = (phase.lastDoneAt - phase.beganAt) / 1000;
  const batches = phase.publishBatches;
  return {
    label,
    events: phase.expected,
    seconds,
    eventsPerSecond: phase.expected / seconds,
    writesDoneSeconds: (phase.writesDoneAt - phase.beganAt) / 1000,
    publishedSeconds: (phase.lastPublishedAt - phase.beganAt) / 1000,
    relayBatches: {
      count: batches.length,
      mean: batches.reduce((a, b) => a + b, 0) / Math.max(1, batches.length),
      max: Math.max(0, ...batches),
    },
    meanValueBytes: phase.valueBytes / Math.max(1, phase.publishedAt.size),
  };
}
