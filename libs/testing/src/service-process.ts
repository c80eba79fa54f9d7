import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from './kafka';

export type CareloopApp = 'referrals' | 'booking' | 'reminders' | 'inreach' | 'platform';

/** One stdout line a service logged, parsed (pino JSON); `raw` keeps the text. */
export interface ServiceLogEntry {
  level?: string;
  msg?: string;
  [field: string]: unknown;
}

export interface ServiceProcess {
  app: CareloopApp;
  /** Base URL from the "careloop ready" log line, e.g. http://127.0.0.1:41233. */
  url: string;
  pid: number;
  /** Every stdout line so far, in order (JSON log lines as text). */
  logs(): string[];
  /** Every stdout line that parsed as JSON. */
  logEntries(): ServiceLogEntry[];
  /** Every stderr line so far. */
  stderr(): string[];
  /** stdout and stderr, for a failure message. */
  output(): string;
  /** Whether the process has exited (on its own or stopped). */
  exited(): boolean;
  /** SIGTERM, wait for exit; SIGKILL after `killAfterMs` (default 10 s). Resolves with the exit. */
  stop(options?: { killAfterMs?: number }): Promise<ProcessExit>;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartServiceProcessOptions {
  /** How long to wait for "careloop ready"; default 60 s. */
  readyTimeoutMs?: number;
}

/** The process exited (or never became ready); carries everything it printed. */
export class ServiceProcessFailedError extends Error {
  override readonly name = 'ServiceProcessFailedError';
  constructor(
    message: string,
    readonly app: CareloopApp,
    readonly exit: ProcessExit | undefined,
    readonly stdout: readonly string[],
    readonly stderr: readonly string[],
  ) {
    super(`${message}\n--- stderr ---\n${stderr.join('\n')}\n--- stdout ---\n${stdout.join('\n')}`);
  }
}

/**
 * Every key a Careloop process reads (runtimeConfigSchema in libs/runtime/src/runtime-config.ts).
 * They are never inherited from the test runner's environment: a developer's exported DATABASE_URL
 * must not silently turn an embedded-mode test into one against their database.
 */
export const CARELOOP_ENV_KEYS = [
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'DATABASE_URL',
  'EMBEDDED_DATA_DIR',
  'KAFKA_BROKERS',
  'KAFKA_TOPIC_PREFIX',
  'KAFKA_GROUP_PREFIX',
  'REDIS_URL',
  'REDIS_PREFIX',
  'AUTH_ISSUER',
  'AUTH_AUDIENCE',
  'AUTH_JWKS_URL',
  'DEV_IDP',
  'OUTBOX_POLL_MS',
  'SEED_DEMO_DATA',
  'BOOKING_HOLD_MINUTES',
  'BOOKING_OUTCOME_GRACE_HOURS',
  'BOOKING_HORIZON_WEEKS',
  'BOOKING_TIMER_SECONDS',
  'INREACH_OFFER_HOURS',
  'INREACH_OFFER_TICK_SECONDS',
  'TASK_DNA_ESCALATION_THRESHOLD',
  'REMINDER_STEPS',
  'REMINDER_QUIET_HOURS',
  'REMINDER_THREE_DAYS_BEFORE_AT',
  'REMINDER_EVENING_BEFORE_AT',
  'SMS_GATEWAY',
  'SMS_RATE_PER_SECOND',
  'PUBLIC_BASE_URL',
  'TWILIO_ACCOUNT_SID',
  'TWILIO_AUTH_TOKEN',
  'TWILIO_MESSAGING_SERVICE_SID',
  'TWILIO_FROM',
  'TWILIO_API_BASE_URL',
  'NOTIFY_API_KEY',
  'NOTIFY_BASE_URL',
  'NOTIFY_SMS_TEMPLATE_ID',
  'NOTIFY_CALLBACK_TOKEN',
] as const;

const MAX_LINES = 50_000;
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Runs a service as a real process (`node -r @swc-node/register apps/<app>/src/main.ts`, cwd the
 * repository root) on PORT=0 and HOST=127.0.0.1, and resolves once it logs "careloop ready". Rejects
 * with everything it printed if it exits first or is not ready in time. `env` is applied over the
 * runner's environment minus the Careloop keys; an `undefined` value leaves the key unset.
 */
export function startServiceProcess(
  app: CareloopApp,
  env: Record<string, string | undefined> = {},
  options: StartServiceProcessOptions = {},
): Promise<ServiceProcess> {
  const root = repoRoot();
  const childEnv = childEnvironment({ PORT: '0', HOST: '127.0.0.1', ...env });
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.join('apps', app, 'src', 'main.ts')],
    { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  track(child);

  const stdout: string[] = [];
  const stderr: string[] = [];
  const entries: ServiceLogEntry[] = [];
  let exit: ProcessExit | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      live.delete(child);
      resolve(exit);
    });
  });

  return new Promise<ServiceProcess>((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new ServiceProcessFailedError(`${app}: ${message}`, app, exit, [...stdout], [...stderr]));
    };
    const timeoutMs = options.readyTimeoutMs ?? 60_000;
    const timer = setTimeout(() => {
      fail(`not ready within ${timeoutMs} ms`);
      void stop(child, exited, 10_000);
    }, timeoutMs);

    const handle: ServiceProcess = {
      app,
      url: '',
      pid: child.pid ?? -1,
      logs: () => [...stdout],
      logEntries: () => [...entries],
      stderr: () => [...stderr],
      output: () => `--- stderr ---\n${stderr.join('\n')}\n--- stdout ---\n${stdout.join('\n')}`,
      exited: () => exit !== undefined,
      stop: (stopOptions = {}) => stop(child, exited, stopOptions.killAfterMs ?? 10_000),
    };

    readLines(child.stdout!, (line) => {
      push(stdout, line);
      const entry = parseJson(line);
      if (!entry) return;
      push(entries, entry);
      if (!settled && entry.msg === 'careloop ready' && typeof entry['url'] === 'string') {
        settled = true;
        clearTimeout(timer);
        handle.url = entry['url'];
        resolve(handle);
      }
    });
    readLines(child.stderr!, (line) => push(stderr, line));
    child.once('error', (error) => fail(`could not start: ${error.message}`));
    // 'close' rather than 'exit': by then every line it printed has been read.
    child.once('close', () => {
      fail(`exited before it was ready (code ${exit?.code ?? 'none'}, signal ${exit?.signal ?? 'none'})`);
    });
  });
}

/**
 * Runs a service expected to refuse to start and resolves with its exit and output once it exits
 * (e.g. on invalid configuration). Rejects if it becomes ready instead (and stops it).
 */
export async function expectServiceProcessToExit(
  app: CareloopApp,
  env: Record<string, string | undefined> = {},
  options: StartServiceProcessOptions = {},
): Promise<ProcessExit & { stdout: string; stderr: string }> {
  try {
    const running = await startServiceProcess(app, env, options);
    await running.stop();
    throw new Error(
      `${app} started (at ${running.url}) although it was expected to refuse:\n${running.output()}`,
    );
  } catch (error) {
    if (!(error instanceof ServiceProcessFailedError) || !error.exit) throw error;
    return {
      ...error.exit,
      stdout: error.stdout.join('\n'),
      stderr: error.stderr.join('\n'),
    };
  }
}

function childEnvironment(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of CARELOOP_ENV_KEYS) delete env[key];
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

async function stop(
  child: ChildProcess,
  exited: Promise<ProcessExit>,
  killAfterMs: number,
): Promise<ProcessExit> {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const killed = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, killAfterMs);
  });
  await Promise.race([exited, killed]);
  clearTimeout(timer);
  return exited;
}

function readLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline).replace(/\r$/, '');
      buffered = buffered.slice(newline + 1);
      if (line.length > 0) onLine(line);
      newline = buffered.indexOf('\n');
    }
  });
  stream.on('end', () => {
    if (buffered.length > 0) onLine(buffered);
    buffered = '';
  });
}

function parseJson(line: string): ServiceLogEntry | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as ServiceLogEntry)
      : undefined;
  } catch {
    return undefined;
  }
}

function push<T>(lines: T[], line: T): void {
  lines.push(line);
  if (lines.length > MAX_LINES) lines.splice(0, lines.length - MAX_LINES);
}

/** A crashed or aborted test run must not leave services listening: kill what is still running. */
function track(child: ChildProcess): void {
  live.add(child);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const running of live) running.kill('SIGKILL');
  });
}
