/**
 * Waits until the Kafka broker answers an admin describeCluster and its group coordinator is
 * available (a describeGroups on a throwaway group id succeeds).
 *
 * Run: node -r @swc-node/register infra/scripts/wait-for-kafka.ts [options]
 *   --timeout <seconds>   give up after this long (default 120)
 *   --pid-file <path>     while waiting, fail fast if this JVM has died
 *   --log <path>          log to print the tail of when the JVM died or the wait timed out
 *   --once                a single quick probe, no output; exit 0 when the broker answers
 *
 * Brokers: KAFKA_BROKERS (comma separated), else 127.0.0.1:${KAFKA_PORT:-9092}.
 * Exit codes: 0 ready, 1 timed out / not answering, 2 the JVM died.
 */
import * as fs from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';

const WARMUP_GROUP = 'careloop-infra-readiness';

interface Options {
  timeoutSec: number;
  pidFile?: string;
  log?: string;
  once: boolean;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { timeoutSec: 120, once: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--timeout') opts.timeoutSec = Number(next());
    else if (arg === '--pid-file') opts.pidFile = next();
    else if (arg === '--log') opts.log = next();
    else if (arg === '--once') opts.once = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  return opts;
}

function brokers(): string[] {
  const env = process.env.KAFKA_BROKERS;
  if (env && env.trim())
    return env
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean);
  return [`127.0.0.1:${process.env.KAFKA_PORT || '9092'}`];
}

function pidAlive(pidFile: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function logTail(file: string | undefined, lines = 40): string {
  if (!file) return '';
  try {
    const all = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    return all.slice(-lines).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}

async function probe(
  kafka: Kafka,
  withGroups: boolean,
): Promise<{ ok: true; summary: string } | { ok: false; error: string }> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (withGroups) {
      // The first FindCoordinator on a fresh cluster creates __consumer_offsets and answers
      // "group coordinator not available" until it is loaded (also briefly after a restart).
      // Waiting here spares the first test consumer those errors.
      await admin.describeGroups([WARMUP_GROUP]);
    }
    const nodes = cluster.brokers.map((b) => `${b.nodeId}@${b.host}:${b.port}`).join(', ');
    return {
      ok: true,
      summary: `cluster ${cluster.clusterId}, controller ${cluster.controller}, brokers ${nodes}`,
    };
  } catch (err) {
    return { ok: false, error: (err as Error).message || String(err) };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const list = brokers();
  const kafka = new Kafka({
    clientId: 'careloop-infra-wait',
    brokers: list,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });

  if (opts.once) {
    const res = await probe(kafka, false);
    process.exit(res.ok ? 0 : 1);
  }

  const started = Date.now();
  const deadline = started + opts.timeoutSec * 1000;
  let lastError = '';
  let lastReport = started;
  for (;;) {
    const res = await probe(kafka, true);
    const elapsed = ((Date.now() - started) / 1000).toFixed(1);
    if (res.ok) {
      console.log(`Kafka is ready at ${list.join(',')} after ${elapsed}s: ${res.summary}`);
      process.exit(0);
    }
    lastError = res.error;
    if (opts.pidFile && !pidAlive(opts.pidFile)) {
      console.error(`The Kafka JVM has exited (pid file ${opts.pidFile}) after ${elapsed}s. Last log lines:`);
      console.error(logTail(opts.log));
      process.exit(2);
    }
    if (Date.now() >= deadline) {
      console.error(
        `Kafka did not answer at ${list.join(',')} within ${opts.timeoutSec}s (last error: ${lastError}).`,
      );
      const tail = logTail(opts.log);
      if (tail) console.error(`Last log lines:\n${tail}`);
      process.exit(1);
    }
    if (Date.now() - lastReport >= 10000) {
      console.log(`  still waiting for Kafka (${elapsed}s): ${lastError}`);
      lastReport = Date.now();
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
