import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { eventually, repoRoot } from '@careloop/testing';

const ENTRY = path.join('libs', 'scheduling', 'test', 'support', 'hanging-worker-process.ts');

/** A hanging-worker-process child and the JSON lines it printed. */
export interface WorkerProcess {
  child: ChildProcess;
  printed(): Record<string, unknown>[];
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a worker process that takes jobs of `queue` and hangs in each; resolves once it is ready. */
export async function startHangingWorker(args: {
  redisUrl: string;
  prefix: string;
  queue: string;
  stallAfterMs: number;
}): Promise<WorkerProcess> {
  const { redisUrl, prefix, queue, stallAfterMs } = args;
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', ENTRY, redisUrl, prefix, queue, String(stallAfterMs)],
    { cwd: repoRoot(), stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  const printed: Record<string, unknown>[] = [];
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const complete = (partial + chunk).split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete) {
      lines.push(line);
      try {
        printed.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not one of ours
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => lines.push(chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const worker: WorkerProcess = { child, printed: () => printed, output: () => lines.join('\n'), exited };
  await eventually(
    () => {
      if (child.exitCode !== null) throw new Error(`worker exited:\n${worker.output()}`);
      expect(printed).toContainEqual({ ready: true });
    },
    { timeoutMs: 30_000, intervalMs: 50 },
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return worker;
}
