import { Registry } from 'prom-client';
import { createLogger, memoryDestination, Metrics, type Logger } from '@careloop/observability';
import { InProcessJobScheduler, type JobScheduler } from '@careloop/scheduling';
import { ManualClock } from '@careloop/time';
import type { InreachTickJob } from '../../src/inreach-tick-job';

/** What an in-reach tick job is built from in a unit test. */
export interface TickJobParts {
  /** The in-process scheduler, or none to see the job refuse to start. */
  scheduler: JobScheduler | undefined;
  clock: ManualClock;
  metrics: Metrics;
  logger: Logger;
}

export interface TickJobUnderTest {
  readonly clock: ManualClock;
  readonly scheduler: InProcessJobScheduler;
  /** The job's log lines, parsed. */
  readonly logs: Record<string, unknown>[];
  /** Builds the job from this test's parts (without the scheduler when `withScheduler` is false) and starts it. */
  start<J extends InreachTickJob>(make: (parts: TickJobParts) => J, withScheduler?: boolean): Promise<J>;
  /** The value of one of the job's counters. */
  counter(name: string): Promise<number>;
}

/**
 * An in-reach tick job on the in-process scheduler and a manual clock set to `startAt`, with metrics
 * and logs of its own: all new for each test, and the job shut down after it.
 */
export function useTickJob(startAt: string): TickJobUnderTest {
  let clock: ManualClock;
  let scheduler: InProcessJobScheduler;
  let registry: Registry;
  let logs: ReturnType<typeof memoryDestination>;
  let job: InreachTickJob | undefined;

  beforeEach(() => {
    clock = new ManualClock(startAt);
    scheduler = new InProcessJobScheduler({ clock });
    registry = new Registry();
    logs = memoryDestination();
  });

  afterEach(async () => {
    await job?.beforeApplicationShutdown();
    await scheduler.close();
    job = undefined;
  });

  return {
    get clock() {
      return clock;
    },
    get scheduler() {
      return scheduler;
    },
    get logs() {
      return logs.lines;
    },
    async start(make, withScheduler = true) {
      const started = make({
        scheduler: withScheduler ? scheduler : undefined,
        clock,
        metrics: new Metrics(registry),
        logger: createLogger({ service: 'inreach', level: 'info', destination: logs }),
      });
      job = started;
      await started.onApplicationBootstrap();
      return started;
    },
    counter: async (name) => (await registry.getSingleMetric(name)?.get())?.values[0]?.value ?? 0,
  };
}

/** The id of the tick job due at `iso` (RepeatingTick's `tick:<epoch seconds>`). */
export const tickAt = (iso: string) => `tick:${Date.parse(iso) / 1000}`;

/** Lets the in-process scheduler start what became due (it wakes on setImmediate). */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
