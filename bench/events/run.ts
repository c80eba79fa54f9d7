/**
 * `npm run bench:events`: the platform's event path (outbox -> relay -> Kafka -> consumer with inbox and
 * projection) against raw kafkajs on the same broker, for throughput and for latency at a fixed rate.
 * See bench/README.md. Progress goes to stderr; the figures (table, or JSON with --json) to stdout.
 */
import 'reflect-metadata';
import { kafkaBrokers, uniqueTestId, withKafkaAdmin } from '@careloop/testing';
import { runBench } from '../support/run-bench';
import { USAGE, parseBenchArgs, type BenchArgs } from './args';
import { Cleanup, progress } from './cleanup';
import { runPlatformPath } from './platform-path';
import { runRawPath } from './raw-kafka-path';
import { buildReport, formatReport } from './report';
import { now } from './tracker';

const runId = uniqueTestId('bench-events');
const brokers = kafkaBrokers();

// Three stacks: each path tears its clients down before the next starts; topics and groups go last.
const platformCleanup = new Cleanup();
const rawCleanup = new Cleanup();
const kafkaCleanup = new Cleanup();
kafkaCleanup.defer('delete topics and consumer groups', () => deleteRunArtifacts(runId));

async function run(args: BenchArgs): Promise<number> {
  const began = now();
  progress(`run ${runId} on ${brokers.join(',')}`);
  const platform = await runPlatformPath(args, runId, brokers, platformCleanup);
  await platformCleanup.runAll();
  const raw = await runRawPath(args, runId, brokers, rawCleanup);
  await rawCleanup.runAll();
  const report = buildReport(args, runId, brokers, platform, raw, (now() - began) / 1000);
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `\n${formatReport(report)}\n`);
  return 0;
}

async function cleanAll(): Promise<void> {
  await platformCleanup.runAll();
  await rawCleanup.runAll();
  await kafkaCleanup.runAll();
}

/** Every topic and consumer group this run created carries its id as prefix. */
async function deleteRunArtifacts(runId: string): Promise<void> {
  await withKafkaAdmin(async (admin) => {
    const prefix = `${runId}.`;
    const { groups } = await admin.listGroups();
    const ours = groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    if (ours.length > 0) await admin.deleteGroups(ours);
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30000 });
  });
}

runBench({
  usage: USAGE,
  parseArgs: parseBenchArgs,
  progress,
  run,
  cleanUp: cleanAll,
  cleanedUp: 'cleanup finished (database dropped, topics and consumer groups deleted unless reported above)',
});
