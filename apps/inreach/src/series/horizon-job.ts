import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { Metrics, type Logger } from '@careloop/observability';
import { APP_LOGGER, JOB_SCHEDULER } from '@careloop/runtime';
import type { JobScheduler } from '@careloop/scheduling';
import { CLOCK, type Clock } from '@careloop/time';
import { INREACH_POLICY, type InreachPolicy } from '../inreach-policy';
import { InreachTickJob } from '../inreach-tick-job';
import { ExtendSeriesHorizon } from './extend-series-horizon';

/** The JobScheduler queue of the in-reach horizon job (ticks `tick:<epoch seconds>`). */
export const INREACH_HORIZON_QUEUE = 'inreach-horizon';

/**
 * The repeating job that keeps series' sessions reaching the horizon: a tick every horizonTickSeconds
 * on the 'inreach-horizon' queue (an InreachTickJob) runs ExtendSeriesHorizon with the clock's now.
 * Neither a failing run nor a restart stops it, and a late or repeated run is harmless, since the
 * database says what is due. Sessions that stop being made empty the clinic's diary twelve weeks on,
 * so it refuses to start without a scheduler.
 */
@Injectable()
export class HorizonJob extends InreachTickJob {
  private readonly made: Counter<never>;

  constructor(
    @Optional() @Inject(JOB_SCHEDULER) scheduler: JobScheduler | undefined,
    @Inject(CLOCK) clock: Clock,
    @Inject(INREACH_POLICY) policy: InreachPolicy,
    private readonly extend: ExtendSeriesHorizon,
    metrics: Metrics,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    super(scheduler, clock, metrics, logger, {
      queue: INREACH_HORIZON_QUEUE,
      intervalSeconds: policy.horizonTickSeconds,
      name: 'in-reach horizon job',
      failures: {
        name: 'careloop_inreach_horizon_failures_total',
        help: 'Runs of the in-reach horizon job that failed for at least one series (the next tick tries again)',
      },
    });
    this.made = metrics.counter({
      name: 'careloop_inreach_horizon_sessions_made_total',
      help: 'In-reach sessions the horizon job made from series (a flat line is normal: most runs find nothing due)',
    });
  }

  protected async work(now: Date): Promise<void> {
    const made = await this.extend.run(now);
    this.made.inc(made);
    if (made > 0) this.logger.info({ made, now }, 'in-reach horizon job made sessions');
  }
}
