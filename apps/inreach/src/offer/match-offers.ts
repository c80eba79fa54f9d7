import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Outbox } from '@careloop/messaging';
import type { Logger } from '@careloop/observability';
import { workThroughDueRows } from '@careloop/persistence';
import { APP_LOGGER } from '@careloop/runtime';
import { INREACH_POLICY, type InreachPolicy } from '../inreach-policy';
import { makeOffers } from './make-offers';
import { markOffersDue } from './offer-due';
import { holdsLapsedBefore } from './taken-seat';

/** Most services one run offers seats for; the rest are still due at the next run. */
export const SERVICES_PER_RUN = 100;

/** What one run of the offer job did. */
export interface OfferRunResult {
  offersMade: number;
  /** Requested offers booking never held before they expired, closed as expired (`not_held`). */
  offersNeverHeld: number;
  /**
   * Open offers whose hold booking never said ended, holdEndGraceMinutes after it lapsed, closed as
   * expired (`hold_not_ended`): a lost event, since booking's timer ends a lapsed hold within a tick.
   */
  offersNeverEnded: number;
}

/**
 * The offer job's work. First, offers booking never answered before their expiry are closed (booking
 * refuses an expired offer, so none of them can be held any more), and so are open offers whose hold
 * booking never said ended well after it lapsed (a lost event), and their services made due. Then
 * each service whose offer_due row is due gets a round of offers (makeOffers) in its own transaction
 * (workThroughDueRows): its offer_due row locked FOR UPDATE SKIP LOCKED and re-checked (two processes
 * share the services instead of both doing one) and removed, then the service row locked FOR NO KEY
 * UPDATE, so rounds for one service never overlap however they were started, and the second counts
 * the first's offers. Whatever marks the service due again meanwhile waits for the round's commit and
 * then marks it anew, so nothing is lost. A round that fails rolls back (the service stays due) and
 * does not hold back the others.
 */
@Injectable()
export class MatchOffers {
  private readonly logger: Logger;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(INREACH_POLICY) private readonly policy: InreachPolicy,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: MatchOffers.name });
  }

  async run(now: Date): Promise<OfferRunResult> {
    const { offersNeverHeld, offersNeverEnded } = await this.closeLapsedOffers(now);
    const offersMade = await workThroughDueRows(
      this.dataSource,
      {
        table: '"inreach"."offer_due"',
        key: '"service_id"',
        due: '"due_at" <= $1',
        params: [now],
        orderBy: '"due_at", "service_id"',
        limit: SERVICES_PER_RUN,
        what: "services' offers",
      },
      async (manager, serviceId) => {
        await manager.query(`DELETE FROM "inreach"."offer_due" WHERE "service_id" = $1`, [serviceId]);
        return this.offerSeats(manager, serviceId, now);
      },
    );
    return { offersMade, offersNeverHeld, offersNeverEnded };
  }

  /**
   * One round of offers for the service, in its own transaction, whether or not it is due. Returns the
   * offers made.
   */
  offerSeatsOf(serviceId: string, now: Date): Promise<number> {
    return this.dataSource.transaction((manager) => this.offerSeats(manager, serviceId, now));
  }

  private async offerSeats(manager: EntityManager, serviceId: string, now: Date): Promise<number> {
    // NO KEY UPDATE: rounds for the service wait for each other, sessions being inserted for it do not.
    const [service] = (await manager.query(
      `SELECT "id", "host_org_id" FROM "inreach"."inreach_service" WHERE "id" = $1 FOR NO KEY UPDATE`,
      [serviceId],
    )) as { id: string; host_org_id: string }[];
    if (!service) return 0;
    const made = await makeOffers(manager, this.outbox, {
      service: { id: service.id, hostOrgId: service.host_org_id },
      now,
      policy: this.policy,
    });
    if (made.length > 0) {
      this.logger.info(
        { serviceId, offers: made.length, sessions: [...new Set(made.map((o) => o.sessionId))] },
        'in-reach offers made',
      );
    }
    return made.length;
  }

  /**
   * Closes, as expired, the offers booking can no longer hold or book: requested ones past their expiry
   * (`not_held`), and open ones past it by more than holdEndGraceMinutes (`hold_not_ended`; their
   * seats stop counting as taken at the same moment, takesASeat). Their services become due.
   */
  private closeLapsedOffers(now: Date): Promise<Omit<OfferRunResult, 'offersMade'>> {
    return this.dataSource.transaction(async (manager) => {
      const closed = (await manager.query(
        `WITH closed AS (
           UPDATE "inreach"."offer"
              SET "status" = 'expired', "ended_at" = $1, "updated_at" = $1,
                  "end_reason" = CASE WHEN "status" = 'requested' THEN 'not_held' ELSE 'hold_not_ended' END
            WHERE ("status" = 'requested' AND "expires_at" <= $1) OR ("status" = 'open' AND "expires_at" <= $2)
            RETURNING "service_id", "end_reason")
         SELECT "service_id", "end_reason" FROM closed`,
        [now, holdsLapsedBefore(now, this.policy)],
      )) as { service_id: string; end_reason: 'not_held' | 'hold_not_ended' }[];
      await markOffersDue(
        manager,
        closed.map((c) => c.service_id),
        now,
      );
      return {
        offersNeverHeld: closed.filter((c) => c.end_reason === 'not_held').length,
        offersNeverEnded: closed.filter((c) => c.end_reason === 'hold_not_ended').length,
      };
    });
  }
}
