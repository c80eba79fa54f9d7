import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, referralStatusChangedV1 } from '@careloop/contracts';
import { CLOCK, type Clock } from '@careloop/time';
import { markOffersDue } from '../offer/offer-due';
import { entryStatusOf } from './entry-status';
import { WaitingListEntry } from './waiting-list-entry.entity';

/**
 * A referral on a waiting list changed status: its entry follows (entryStatusOf). A client waiting
 * again (a draft sent, a booking cancelled) keeps the time they first joined, and the service's offers
 * become due in the same transaction. Referrals that put nobody on a list, another organisation's
 * events, and a change older than the last one applied (a replay) change nothing.
 */
@Injectable()
export class FollowReferralStatus {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof referralStatusChangedV1>>,
  ): Promise<void> {
    const d = event.data;
    const entry = await manager.findOne(WaitingListEntry, {
      where: { referralId: d.referralId, orgId: event.orgId },
      lock: { mode: 'pessimistic_write' },
    });
    const changedAt = new Date(d.changedAt);
    if (!entry || changedAt < entry.statusChangedAt) return;
    const status = entryStatusOf(d.to);
    const now = this.clock.now();
    await manager.update(
      WaitingListEntry,
      { referralId: entry.referralId },
      {
        referralStatus: d.to,
        status,
        joinedAt: status === 'waiting' ? (entry.joinedAt ?? changedAt) : entry.joinedAt,
        statusChangedAt: changedAt,
        updatedAt: now,
      },
    );
    if (status === 'waiting' && entry.status !== 'waiting') {
      await markOffersDue(manager, [entry.serviceId], now);
    }
  }
}
