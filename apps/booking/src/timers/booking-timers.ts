import {
  Inject,
  Injectable,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER, JOB_SCHEDULER } from '@careloop/runtime';
import type { JobScheduler, RunningJob } from '@careloop/scheduling';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_POLICY, type BookingPolicy } from '../booking-policy';
import { TimerMetrics } from './timer-metrics';
import { BOOKING_TIMERS_QUEUE, nextTickAfter, tickJob } from './timer-ticks';
import { BOOKING_TIMER_TASKS, type TimerTask } from './timer-task';

/**
 * Booking's timer job: a tick every `timerSeconds` on the 'booking-timers' queue runs each timer task
 * in order with the clock's now. Each tick schedules the next one before running the tasks, and every
 * process schedules the next one at bootstrap, so neither a failing task nor a restart stops the
 * timer; tick ids come from the due time, so several booking processes make one job per tick.
 * A task that throws is logged and counted, and the others still run.
 */
@Injectable()
export class BookingTimers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: Logger;
  private readonly intervalSeconds: number;
  private stopping = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @Optional() @Inject(JOB_SCHEDULER) private readonly scheduler: JobScheduler | undefined,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(BOOKING_POLICY) policy: BookingPolicy,
    @Inject(BOOKING_TIMER_TASKS) private readonly tasks: readonly TimerTask[],
    private readonly metrics: TimerMetrics,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    if (!Number.isInteger(policy.timerSeconds) || policy.timerSeconds < 1)
      throw new RangeError(`timerSeconds must be a positive integer, got ${policy.timerSeconds}`);
    this.intervalSeconds = policy.timerSeconds;
    this.logger = logger.child({ context: BookingTimers.name });
  }

  async onApplicationBootstrap(): Promise<void> {
    // Holds that never expire keep seats taken for ever: refuse to start rather than run without.
    if (!this.scheduler)
      throw new Error('Booking timers need a JobScheduler (JOB_SCHEDULER): set usesScheduler on the service');
    this.scheduler.process(BOOKING_TIMERS_QUEUE, (job) => this.onTick(job), {
      concurrency: 1,
      // Only scheduling the next tick can throw (tasks are caught): retry it for a while (about 8 minutes of backoff).
      maxAttempts: 10,
      backoffMs: 1000,
    });
    const next = nextTickAfter(this.clock.now(), this.intervalSeconds);
    await this.scheduler.schedule(BOOKING_TIMERS_QUEUE, tickJob(next));
    this.logger.info(
      { intervalSeconds: this.intervalSeconds, tasks: this.tasks.map((t) => t.name), nextTick: next },
      'booking timers started',
    );
  }

  /** Schedules nothing more and lets a running tick finish while the database is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private async onTick(job: RunningJob): Promise<void> {
    // Failing returns the tick to the queue: another booking process, or this one after a restart, runs it.
    if (this.stopping) throw new Error('Booking timers are shutting down; the tick runs elsewhere or later');
    const run = this.tick(Number(job.data['tick']));
    this.inFlight.add(run);
    try {
      await run;
    } finally {
      this.inFlight.delete(run);
    }
  }

  private async tick(tickSeconds: number): Promise<void> {
    const scheduler = this.scheduler!;
    // Never the same tick again (a job that ran a little early), and never a backlog of missed ones.
    const next = Math.max(
      tickSeconds + this.intervalSeconds,
      nextTickAfter(this.clock.now(), this.intervalSeconds),
    );
    await scheduler.schedule(BOOKING_TIMERS_QUEUE, tickJob(next));

    const now = this.clock.now();
    for (const task of this.tasks) {
      try {
        const rows = await task.run(now);
        this.metrics.changed(task.name, rows);
        if (rows > 0) this.logger.info({ task: task.name, rows, now }, 'booking timer task changed rows');
        else this.logger.debug({ task: task.name, now }, 'booking timer task had nothing due');
      } catch (error) {
        this.metrics.failed(task.name);
        this.logger.error({ task: task.name, now, err: error }, 'booking timer task failed');
      }
    }
    this.metrics.ticked();
  }
}
