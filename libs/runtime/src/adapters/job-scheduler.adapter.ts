import { BullMqJobScheduler, InProcessJobScheduler, type JobScheduler } from '@careloop/scheduling';
import type { Clock } from '@careloop/time';
import type { RuntimeConfig } from '../runtime-config';

/** BullMQ on Redis when REDIS_URL is set; otherwise timers in this process (embedded mode). */
export function createJobScheduler(
  config: RuntimeConfig,
  clock: Clock,
  logger: { warn(message: string): void },
): { scheduler: JobScheduler; usesRedis: boolean } {
  if (config.REDIS_URL) {
    return {
      scheduler: new BullMqJobScheduler({
        redisUrl: config.REDIS_URL,
        prefix: config.REDIS_PREFIX,
        clock,
        logger,
      }),
      usesRedis: true,
    };
  }
  return { scheduler: new InProcessJobScheduler({ clock }), usesRedis: false };
}
