import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, referralStatusChangedV1 } from '@careloop/contracts';
import { ReferralAwaitingBooking } from './referral-awaiting-booking.entity';

/**
 * Follows a referral's status, in the consumer's transaction. Events of one referral share a key, so
 * its `referral.created.v1` arrived first; a referral booking never heard of has nothing to update.
 */
@Injectable()
export class UpdateReferralAwaitingStatus {
  private readonly logger = new Logger(UpdateReferralAwaitingStatus.name);

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof referralStatusChangedV1>>,
  ): Promise<void> {
    const result = await manager.update(
      ReferralAwaitingBooking,
      { referralId: event.data.referralId, orgId: event.orgId },
      { status: event.data.to },
    );
    if (result.affected === 0) {
      this.logger.warn(
        { referralId: event.data.referralId },
        'status change for a referral booking never saw',
      );
    }
  }
}
