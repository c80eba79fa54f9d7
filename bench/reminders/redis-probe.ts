import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** What a path's jobs take in Redis, read from the keys themselves. */
export interface JobFootprint {
  /** Members of the queue's delayed set: the jobs waiting to fall due. */
  delayedJobs: number;
  /** Job hashes measured with MEMORY USAGE (a random sample of the delayed set). */
  sampledJobs: number;
  meanJobHashBytes: number;
  /** MEMORY USAGE of the delayed sorted set (Redis estimates it from a sample of members). */
  delayedSetBytes: number;
}

/** The bench's own Redis connection: memory figures, key counts; never on a measured path. */
export class RedisProbe {
  private constructor(private readonly redis: Redis) {}

  static async open(url: string): Promise<RedisProbe> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    return new RedisProbe(redis);
  }

  /** INFO memory `used_memory`: bytes the server has allocated, for everyone's keys. */
  async usedMemory(): Promise<number> {
    return infoField(await this.redis.info('memory'), 'used_memory');
  }

  /**
   * Waits until big values deleted earlier (UNLINK frees them on a background thread) are freed, and
   * a little longer for the server's cron to shrink its key table, so a "before" reading is not
   * inflated by the previous path's leftovers.
   */
  async settle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (
      infoField(await this.redis.info('memory'), 'lazyfree_pending_objects') > 0 &&
      Date.now() < deadline
    )
      await sleep(200);
    await sleep(1000);
  }

  async jobFootprint(queueKeyPrefix: string, samples: number): Promise<JobFootprint> {
    const delayedKey = `${queueKeyPrefix}delayed`;
    const delayedJobs = await this.redis.zcard(delayedKey);
    const members = await this.redis.zrandmember(delayedKey, samples);
    const sizes = await Promise.all(
      members.map((jobId) => this.redis.memory('USAGE', `${queueKeyPrefix}${jobId}`, 'SAMPLES', 0)),
    );
    const found = sizes.filter((size): size is number => size !== null);
    return {
      delayedJobs,
      sampledJobs: found.length,
      meanJobHashBytes: found.length > 0 ? found.reduce((a, b) => a + b, 0) / found.length : Number.NaN,
      delayedSetBytes: (await this.redis.memory('USAGE', delayedKey)) ?? 0,
    };
  }

  async exists(key: string): Promise<boolean> {
    return (await this.redis.exists(key)) === 1;
  }

  /** Keys starting with the prefix (SCAN, so a shared server is not blocked). */
  async countKeys(prefix: string): Promise<number> {
    let count = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      count += keys.length;
    } while (cursor !== '0');
    return count;
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}

function infoField(info: string, name: string): number {
  const match = new RegExp(`^${name}:(\\d+)`, 'm').exec(info);
  if (!match) throw new Error(`INFO has no ${name}`);
  return Number(match[1]);
}
