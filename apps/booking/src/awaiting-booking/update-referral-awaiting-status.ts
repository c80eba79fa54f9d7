import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '@careloop/auth';
import type { EventData, EventEnvelope, referralStatusChangedV1 } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER } from '@careloop/runtime';
import { CLOCK, type Clock } from '@careloop/time';
import { releaseOffersOfReferral } from '../inreach/release-offers-of-referral';
import { waitsOnWaitingList } from './awaiting-statuses';
import { ReferralAwaitingBooking } from './referral-awaiting-booking.entity';

/**
 * Follows a referral's status, in the consumer's transaction. Events of one referral share a key, so
 * its `referral.created.v1` arrived first; a referral booking never heard of has nothing to update.
 * A referral that stops waiting on an in-reach waiting list (booked elsewhere, closed, rejected...)
 * gives back the seats held for its offers in the same transaction, so none is booked by a late YES.
 */
@Injectable()
export class UpdateReferralAwaitingStatus {
  private readonly logger: Logger;

  constructor(
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: UpdateReferralAwaitingStatus.name });
  }

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof referralStatusChangedV1>>,
  ): Promise<void> {
    const referral = { referralId: event.data.referralId, orgId: event.orgId };
    // The update locks the referral's row before any slot, as holding a seat for an offer does.
    const result = await manager.update(ReferralAwaitingBooking, referral, { status: event.data.to });
    if (result.affected === 0) {
      this.logger.warn(
        { referralId: event.data.referralId },
        'status change for a referral booking never saw',
      );
      return;
    }
    if (waitsOnWaitingList(event.data.to)) return;
    const deps = { outbox: this.outbox, audit: this.audit };
    const released = await releaseOffersOfReferral(manager, deps, referral, this.clock.now());
    if (released.length > 0) {
      this.logger.info(
        { referralId: referral.referralId, status: event.data.to, offerIds: released.map((h) => h.offerId) },
        'offer holds released: the referral no longer waits',
      );
    }
  }
}
