import {
  Inject,
  Injectable,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Counter } from 'prom-client';
import { Metrics, type Logger } from '@careloop/observability';
import { APP_LOGGER, JOB_SCHEDULER } from '@careloop/runtime';
import { RepeatingTick, type JobScheduler } from '@careloop/scheduling';
import { CLOCK, type Clock } from '@careloop/time';
import { INREACH_POLICY, type InreachPolicy } from '../inreach-policy';
import { ExtendSeriesHorizon } from './extend-series-horizon';

/** The JobScheduler queue of the in-reach horizon job (ticks `tick:<epoch seconds>`). */
export const INREACH_HORIZON_QUEUE = 'inreach-horizon';

/**
 * The repeating job that keeps series' sessions reaching the horizon: a tick every horizonTickSeconds
 * on the 'inreach-horizon' queue (a RepeatingTick, as booking's timer job, ADR 17) runs
 * ExtendSeriesHorizon with the clock's now. Neither a failing run nor a restart stops it, and a late or
 * repeated run is harmless, since the database says what is due. A failing run is logged and counted.
 */
@Injectable()
export class HorizonJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: Logger;
  private readonly ticks: RepeatingTick;
  private readonly made: Counter<never>;
  private readonly failures: Counter<never>;

  constructor(
    @Optional() @Inject(JOB_SCHEDULER) private readonly scheduler: JobScheduler | undefined,
    @Inject(CLOCK) clock: Clock,
    @Inject(INREACH_POLICY) policy: InreachPolicy,
    private readonly extend: ExtendSeriesHorizon,
    metrics: Metrics,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.ticks = new RepeatingTick({
      queue: INREACH_HORIZON_QUEUE,
      intervalSeconds: policy.horizonTickSeconds,
      clock,
      name: 'in-reach horizon job',
      work: (now) => this.extendSeries(now),
    });
    this.logger = logger.child({ context: HorizonJob.name });
    this.made = metrics.counter({
      name: 'careloop_inreach_horizon_sessions_made_total',
      help: 'In-reach sessions the horizon job made from series (a flat line is normal: most runs find nothing due)',
    });
    this.failures = metrics.counter({
      name: 'careloop_inreach_horizon_failures_total',
      help: 'Runs of the in-reach horizon job that failed for at least one series (the next tick tries again)',
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // Sessions that stop being made empty the clinic's diary twelve weeks on: refuse to start without.
    if (!this.scheduler)
      throw new Error('The in-reach horizon job needs a JobScheduler (JOB_SCHEDULER): set usesScheduler');
    const next = await this.ticks.start(this.scheduler);
    this.logger.info(
      { intervalSeconds: this.ticks.intervalSeconds, nextTick: next },
      'in-reach horizon job started',
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.ticks.stop();
  }

  private async extendSeries(now: Date): Promise<void> {
    try {
      const made = await this.extend.run(now);
      this.made.inc(made);
      if (made > 0) this.logger.info({ made, now }, 'in-reach horizon job made sessions');
    } catch (error) {
      this.failures.inc();
      this.logger.error({ now, err: error }, 'in-reach horizon job failed');
    }
  }
}
