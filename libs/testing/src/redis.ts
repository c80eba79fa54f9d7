import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function redisUrl(): string {
  return process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
}

/** A key prefix no other test file (or earlier run) uses, e.g. `careloop-t-reminders-1a2b3c4d`. */
export function uniqueRedisPrefix(label: string): string {
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, 30);
  return `careloop-t-${safeLabel}-${randomBytes(4).toString('hex')}`;
}

/**
 * Deletes every key starting with the prefix (SCAN, never KEYS, so a shared server is not blocked).
 * Returns how many keys were removed.
 */
export async function deleteRedisKeys(prefix: string, url: string = redisUrl()): Promise<number> {
  if (prefix.length === 0) throw new Error('Refusing to delete every Redis key: prefix is empty');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${escapeGlob(prefix)}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) removed += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
  return removed;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}
