/**
 * Helpers for integration tests that use the real local Kafka broker (`npm run infra:up`).
 *
 * - kafkaBrokers(): where the broker is (KAFKA_BROKERS, default 127.0.0.1:9092).
 * - uniqueTestId(): short random ids so each test file uses its own topics and consumer groups.
 * - createTopics() / deleteTopics(): explicit topic management (the broker has auto-create off).
 * - stopKafkaBroker() / startKafkaBroker(): run infra/kafka/{stop,start}.sh so a test can take the
 *   broker down and bring it back (data survives). They affect every test using the broker, so such
 *   tests must not run in parallel with other Kafka tests.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Kafka, logLevel, type Admin, type KafkaConfig } from 'kafkajs';
import { eventually } from './eventually';

const DEFAULT_BROKERS = ['127.0.0.1:9092'];

/** Broker list from KAFKA_BROKERS (comma separated), default ['127.0.0.1:9092']. */
export function kafkaBrokers(): string[] {
  const env = process.env.KAFKA_BROKERS;
  if (!env || !env.trim()) return [...DEFAULT_BROKERS];
  const list = env
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  return list.length > 0 ? list : [...DEFAULT_BROKERS];
}

/**
 * A short random id usable in topic and consumer-group names (Kafka allows [a-zA-Z0-9._-], max 249):
 * `<prefix>-<base36 time>-<8 hex>`, e.g. `referrals-m4x2k9-1f3a9c0b`. The prefix is sanitised.
 */
export function uniqueTestId(prefix = 'test'): string {
  const safe =
    prefix
      .replace(/[^a-zA-Z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'test';
  return `${safe}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** A KafkaJS client for tests: quiet logging, short timeouts, the test brokers. */
export function testKafka(
  clientId = uniqueTestId('test-client'),
  overrides: Partial<KafkaConfig> = {},
): Kafka {
  return new Kafka({
    clientId,
    brokers: kafkaBrokers(),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { retries: 5, initialRetryTime: 200 },
    ...overrides,
  });
}

/** Runs `fn` with a connected admin client and always disconnects it. */
export async function withKafkaAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = testKafka(uniqueTestId('test-admin')).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Creates the topics (replication factor 1, `partitions` each) and waits for their leaders.
 * Topics that already exist are left as they are.
 */
export async function createTopics(topics: string[], partitions = 3): Promise<void> {
  if (topics.length === 0) return;
  await withKafkaAdmin(async (admin) => {
    await admin.createTopics({
      waitForLeaders: true,
      timeout: 30000,
      topics: topics.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
    });
  });
}

/** Deletes the topics; topics that do not exist are ignored. */
export async function deleteTopics(topics: string[]): Promise<void> {
  if (topics.length === 0) return;
  await withKafkaAdmin(async (admin) => {
    const existing = new Set(await admin.listTopics());
    const toDelete = topics.filter((t) => existing.has(t));
    if (toDelete.length > 0) await admin.deleteTopics({ topics: toDelete, timeout: 30000 });
  });
}

/** Finds the repository root (the folder holding infra/kafka/start.sh) from this file upwards. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'infra', 'kafka', 'start.sh'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find infra/kafka/start.sh above ${__dirname}`);
    dir = parent;
  }
}

function runScript(script: string, args: string[], timeoutMs: number): Promise<string> {
  const root = repoRoot();
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [path.join(root, script), ...args],
      { cwd: root, env: process.env, timeout: timeoutMs, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(`${script} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`.trim()),
          );
        } else {
          resolve(`${stdout}${stderr}`);
        }
      },
    );
  });
}

/**
 * Stops the local broker (SIGTERM, SIGKILL after 30 s). Resolves once the JVM has exited.
 * `wipe: true` also deletes its data. Returns the script's output.
 */
export async function stopKafkaBroker(options: { wipe?: boolean } = {}): Promise<string> {
  const output = await runScript('infra/kafka/stop.sh', options.wipe ? ['--wipe'] : [], 60_000);
  // A broker these scripts did not start (another checkout's) would keep answering; a test that
  // relies on an outage must not pass without one.
  const answering = await Promise.all(kafkaBrokers().map(brokerAnswers));
  if (answering.some(Boolean)) {
    throw new Error(
      `A broker still answers at ${kafkaBrokers().join(', ')} after stop.sh: it was not started here.\n${output}`,
    );
  }
  return output;
}

function brokerAnswers(broker: string): Promise<boolean> {
  const [host, port] = broker.split(':');
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts the local broker (same data dir and cluster id as before) and resolves once the admin
 * client can describe the cluster. A no-op when it is already up. Returns the script's output.
 */
export async function startKafkaBroker(): Promise<string> {
  const output = await runScript('infra/kafka/start.sh', [], 180_000);
  // The broker answers before it has loaded every partition again; wait until each has a leader.
  await eventually(
    () =>
      withKafkaAdmin(async (admin) => {
        const { topics } = await admin.fetchTopicMetadata();
        const leaderless = topics.flatMap((t) => t.partitions.filter((p) => p.leader < 0).map(() => t.name));
        if (leaderless.length > 0)
          throw new Error(`partitions without a leader yet: ${leaderless.join(', ')}`);
      }),
    { timeoutMs: 60_000, intervalMs: 250 },
  );
  return output;
}
