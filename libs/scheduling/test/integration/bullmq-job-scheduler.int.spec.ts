import { BullMqJobScheduler } from '../../src';
import { deleteRedisKeys, redisUrl, uniqueRedisPrefix } from '@careloop/testing';
import { SystemClock } from '@careloop/time';
import { describeJobSchedulerContract } from '../job-scheduler.contract';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describeJobSchedulerContract('BullMQ on real Redis', async () => {
  const prefix = uniqueRedisPrefix('scheduling');
  const clock = new SystemClock();
  const scheduler = new BullMqJobScheduler({ redisUrl: redisUrl(), prefix, clock });
  return {
    scheduler,
    clock,
    passTime: sleep,
    cleanup: async () => {
      await scheduler.close();
      await deleteRedisKeys(prefix);
    },
  };
});
