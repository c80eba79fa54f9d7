import {
  Inject,
  Injectable,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER, JOB_SCHEDULER } from '@careloop/runtime';
import { RepeatingTick, type JobScheduler } from '@careloop/scheduling';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_POLICY, type BookingPolicy } from '../booking-policy';
import { TimerMetrics } from './timer-metrics';
import { BOOKING_TIMERS_QUEUE } from './timer-ticks';
import { BOOKING_TIMER_TASKS, type TimerTask } from './timer-task';

/**
 * Booking's timer job: a tick every `timerSeconds` on the 'booking-timers' queue (a RepeatingTick, which
 * keeps one job per tick across booking processes and survives failures and restarts) runs each timer
 * task in order with the clock's now. A task that throws is logged and counted, and the others still run.
 */
@Injectable()
export class BookingTimers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: Logger;
  private readonly ticks: RepeatingTick;

  constructor(
    @Optional() @Inject(JOB_SCHEDULER) private readonly scheduler: JobScheduler | undefined,
    @Inject(CLOCK) clock: Clock,
    @Inject(BOOKING_POLICY) policy: BookingPolicy,
    @Inject(BOOKING_TIMER_TASKS) private readonly tasks: readonly TimerTask[],
    private readonly metrics: TimerMetrics,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.ticks = new RepeatingTick({
      queue: BOOKING_TIMERS_QUEUE,
      intervalSeconds: policy.timerSeconds,
      clock,
      name: 'booking timer job',
      work: (now) => this.runTasks(now),
    });
    this.logger = logger.child({ context: BookingTimers.name });
  }

  async onApplicationBootstrap(): Promise<void> {
    // Holds that never expire keep seats taken for ever: refuse to start rather than run without.
    if (!this.scheduler)
      throw new Error('Booking timers need a JobScheduler (JOB_SCHEDULER): set usesScheduler on the service');
    const next = await this.ticks.start(this.scheduler);
    this.logger.info(
      { intervalSeconds: this.ticks.intervalSeconds, tasks: this.tasks.map((t) => t.name), nextTick: next },
      'booking timers started',
    );
  }

  /** Schedules nothing more and lets a running tick finish while the database is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.ticks.stop();
  }

  private async runTasks(now: Date): Promise<void> {
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
