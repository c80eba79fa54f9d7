import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, referralCreatedV1 } from '@careloop/contracts';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER } from '@careloop/runtime';
import { CLOCK, type Clock } from '@careloop/time';
import { markOffersDue } from '../offer/offer-due';
import { entryStatusOf } from './entry-status';

/**
 * A referral to one of in-reach's services puts its client on the service's waiting list: waiting at
 * once when sent (offers become due in the same transaction), not yet while a draft. Only a service the
 * referring organisation hosts takes the client: a referral naming another organisation's service, or
 * one in-reach does not know, is logged and joins nothing (referrals checks this before it sends, so it
 * means a bug or a forged event, not a worker's mistake). A referral joins once: a second event for it
 * changes nothing.
 */
@Injectable()
export class JoinWaitingList {
  private readonly logger: Logger;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: JoinWaitingList.name });
  }

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof referralCreatedV1>>,
  ): Promise<void> {
    const r = event.data;
    if (r.destinationKind !== 'inreach' || !r.inreachServiceId) return;
    const serviceId = r.inreachServiceId;
    const [service] = (await manager.query(
      `SELECT "host_org_id" FROM "inreach"."inreach_service" WHERE "id" = $1`,
      [serviceId],
    )) as { host_org_id: string }[];
    if (service?.host_org_id !== event.orgId) {
      this.logger.warn(
        { referralId: r.referralId, serviceId, orgId: event.orgId, eventId: event.id },
        service
          ? 'referral to an in-reach service another organisation hosts: nobody joins its waiting list'
          : 'referral to an in-reach service in-reach does not know: nobody joins a waiting list',
      );
      return;
    }
    const referralStatus = r.status ?? 'sent';
    const status = entryStatusOf(referralStatus);
    const referredAt = new Date(event.occurredAt);
    const now = this.clock.now();
    const joined: unknown[] = await manager.query(
      `INSERT INTO "inreach"."waiting_list_entry" ("referral_id", "org_id", "service_id", "client_id", "urgency",
         "referral_status", "status", "referred_at", "joined_at", "status_changed_at", "updated_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $10)
       ON CONFLICT ("referral_id") DO NOTHING RETURNING "referral_id"`,
      [
        r.referralId,
        event.orgId,
        serviceId,
        r.clientId,
        r.urgency,
        referralStatus,
        status,
        referredAt,
        status === 'waiting' ? referredAt : null,
        now,
      ],
    );
    if (joined.length > 0 && status === 'waiting') await markOffersDue(manager, [serviceId], now);
  }
}
