import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Counter } from 'prom-client';
import type { Logger, Metrics } from '@careloop/observability';
import { RepeatingTick, type JobScheduler } from '@careloop/scheduling';
import type { Clock } from '@careloop/time';

/** What sets one in-reach tick job apart from the others. */
export interface InreachTickJobSettings {
  /** The JobScheduler queue of its ticks (`tick:<epoch seconds>`); it carries nothing else. */
  queue: string;
  intervalSeconds: number;
  /** What it is called in its log lines and errors, e.g. 'in-reach offer job'. */
  name: string;
  /** The counter of its runs that failed. */
  failures: { name: string; help: string };
}

/**
 * A repeating in-reach job: a tick every intervalSeconds on its queue (a RepeatingTick, as booking's
 * timer job, ADR 17) runs the job's `work` with the clock's now. The database says what is due, so a
 * late, repeated or concurrent run is harmless. A run that throws is logged and counted, and the next
 * tick comes all the same. The job refuses to start without a JobScheduler, since nothing else would
 * ever do its work.
 */
export abstract class InreachTickJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger: Logger;
  private readonly ticks: RepeatingTick;
  private readonly failures: Counter<never>;

  protected constructor(
    private readonly scheduler: JobScheduler | undefined,
    clock: Clock,
    metrics: Metrics,
    logger: Logger,
    private readonly settings: InreachTickJobSettings,
  ) {
    this.ticks = new RepeatingTick({
      queue: settings.queue,
      intervalSeconds: settings.intervalSeconds,
      clock,
      name: settings.name,
      work: (now) => this.runOnce(now),
    });
    this.logger = logger.child({ context: new.target.name });
    this.failures = metrics.counter(settings.failures);
  }

  /** One run's work with the clock's now; a failure is thrown (this class logs and counts it). */
  protected abstract work(now: Date): Promise<void>;

  async onApplicationBootstrap(): Promise<void> {
    const { name } = this.settings;
    if (!this.scheduler)
      throw new Error(`The ${name} needs a JobScheduler (JOB_SCHEDULER): set usesScheduler`);
    const next = await this.ticks.start(this.scheduler);
    this.logger.info({ intervalSeconds: this.ticks.intervalSeconds, nextTick: next }, `${name} started`);
  }

  /** Schedules nothing more and lets a running tick finish while the database is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.ticks.stop();
  }

  private async runOnce(now: Date): Promise<void> {
    try {
      await this.work(now);
    } catch (error) {
      this.failures.inc();
      this.logger.error({ now, err: error }, `${this.settings.name} failed`);
    }
  }
}
