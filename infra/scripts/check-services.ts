/**
 * Checks that the services the platform needs but does not start itself are answering:
 * Postgres (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) and
 * Redis (REDIS_URL, default redis://127.0.0.1:6379). Prints what is missing and how to start it.
 *
 * Run: node -r @swc-node/register infra/scripts/check-services.ts
 * Exit code 0 when both answer, 1 otherwise.
 */
import { Client } from 'pg';
import Redis from 'ioredis';

const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const TIMEOUT_MS = 3000;

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

async function checkPostgres(): Promise<string | null> {
  const client = new Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: TIMEOUT_MS });
  try {
    await client.connect();
    const res = await client.query<{ v: string }>('select version() as v');
    console.log(
      `ok   postgres  ${redact(DATABASE_URL)}  (${res.rows[0]?.v.split(',')[0] ?? 'unknown version'})`,
    );
    return null;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(): Promise<string | null> {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError = '';
  redis.on('error', (err: Error) => {
    lastError = err.message;
  });
  try {
    await redis.connect();
    const pong = await redis.ping();
    const info = await redis.info('server');
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown version';
    console.log(`ok   redis     ${redact(REDIS_URL)}  (${pong}, Redis ${version})`);
    return null;
  } catch (err) {
    const message = (err as Error).message || String(err);
    return lastError && lastError !== message ? `${lastError} (${message})` : message;
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const [pgError, redisError] = await Promise.all([checkPostgres(), checkRedis()]);
  if (pgError) {
    console.error(`FAIL postgres  ${redact(DATABASE_URL)}: ${pgError}`);
    console.error('     Start it (Debian, as root):');
    console.error('       pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start');
    console.error('     or point DATABASE_URL at a running server (use 127.0.0.1, not localhost).');
  }
  if (redisError) {
    console.error(`FAIL redis     ${redact(REDIS_URL)}: ${redisError}`);
    console.error('     Start it:');
    console.error(
      '       redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
    );
    console.error('     or point REDIS_URL at a running server (use 127.0.0.1, not localhost).');
  }
  process.exit(pgError || redisError ? 1 : 0);
}

void main();
