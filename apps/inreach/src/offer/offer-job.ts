import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { Metrics, type Logger } from '@careloop/observability';
import { APP_LOGGER, JOB_SCHEDULER } from '@careloop/runtime';
import type { JobScheduler } from '@careloop/scheduling';
import { CLOCK, type Clock } from '@careloop/time';
import { INREACH_POLICY, type InreachPolicy } from '../inreach-policy';
import { InreachTickJob } from '../inreach-tick-job';
import { MatchOffers } from './match-offers';

/** The JobScheduler queue of the in-reach offer job (ticks `tick:<epoch seconds>`). */
export const INREACH_OFFERS_QUEUE = 'inreach-offers';

/**
 * The repeating job that offers free seats to waiting clients: a tick every offerTickSeconds on the
 * 'inreach-offers' queue (an InreachTickJob, as the horizon job) runs MatchOffers with the clock's now.
 * The database says which services are due (offer_due), so a late, repeated or concurrent run is
 * harmless. Without it nobody on a waiting list is ever offered a seat, so it refuses to start without
 * a scheduler.
 */
@Injectable()
export class OfferJob extends InreachTickJob {
  private readonly made: Counter<never>;
  private readonly neverHeld: Counter<never>;
  private readonly neverEnded: Counter<never>;

  constructor(
    @Optional() @Inject(JOB_SCHEDULER) scheduler: JobScheduler | undefined,
    @Inject(CLOCK) clock: Clock,
    @Inject(INREACH_POLICY) policy: InreachPolicy,
    private readonly matchOffers: MatchOffers,
    metrics: Metrics,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    super(scheduler, clock, metrics, logger, {
      queue: INREACH_OFFERS_QUEUE,
      intervalSeconds: policy.offerTickSeconds,
      name: 'in-reach offer job',
      failures: {
        name: 'careloop_inreach_offer_failures_total',
        help: 'Runs of the in-reach offer job that failed for at least one service (the service stays due)',
      },
    });
    this.made = metrics.counter({
      name: 'careloop_inreach_offers_made_total',
      help: 'Seats of in-reach sessions offered to waiting clients (inreach.offer-made.v1)',
    });
    this.neverHeld = metrics.counter({
      name: 'careloop_inreach_offers_never_held_total',
      help: 'In-reach offers booking neither held nor refused before they expired (booking lagging or down)',
    });
    this.neverEnded = metrics.counter({
      name: 'careloop_inreach_offers_never_ended_total',
      help: 'Held in-reach offers closed by in-reach well after they lapsed, booking never having said their hold ended',
    });
  }

  protected async work(now: Date): Promise<void> {
    const { offersMade, offersNeverHeld, offersNeverEnded } = await this.matchOffers.run(now);
    this.made.inc(offersMade);
    this.neverHeld.inc(offersNeverHeld);
    this.neverEnded.inc(offersNeverEnded);
    if (offersNeverHeld > 0) {
      this.logger.warn({ offersNeverHeld, now }, 'in-reach offers expired before booking held them');
    }
    if (offersNeverEnded > 0) {
      this.logger.warn(
        { offersNeverEnded, now },
        'in-reach offers closed as expired: booking never said their holds ended',
      );
    }
  }
}
