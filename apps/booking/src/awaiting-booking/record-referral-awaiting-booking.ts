import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, referralCreatedV1 } from '@careloop/contracts';
import { CLOCK, type Clock } from '@careloop/time';
import { ReferralAwaitingBooking } from './referral-awaiting-booking.entity';

/** Learns of a new referral, in the consumer's transaction (the inbox row commits with it). */
@Injectable()
export class RecordReferralAwaitingBooking {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof referralCreatedV1>>,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ReferralAwaitingBooking)
      .values({
        referralId: event.data.referralId,
        orgId: event.orgId,
        clientId: event.data.clientId,
        destinationKind: event.data.destinationKind,
        destinationName: event.data.destinationName,
        urgency: event.data.urgency,
        // Producers before the closed loop sent no status: their referrals were created sent.
        status: event.data.status ?? 'sent',
        referredAt: new Date(event.occurredAt),
        receivedAt: this.clock.now(),
      })
      .orIgnore()
      .execute();
  }
}
