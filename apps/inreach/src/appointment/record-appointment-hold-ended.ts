import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  holdEndReasonOf,
  type EventData,
  type EventEnvelope,
  type appointmentHoldEndedV1,
} from '@careloop/contracts';
import { CLOCK, type Clock } from '@careloop/time';
import { markOffersDue, seatsFreedIn } from '../offer/offer-due';
import { endOfferHold, offerEndOf } from '../offer/offer-outcomes';
import { updateCurrentSessionAppointment } from './update-current-session-appointment';

/**
 * A hold ended without a booking: its seat is free again. An offer held by it is declined (the client
 * said no by SMS, `declinedByClient`, or staff released it), withdrawn (booking released it because the
 * session was withdrawn) or expired. Either way the service's offers become due in the same
 * transaction, so the seat goes to the next client (and a session booking had said is full is not).
 */
@Injectable()
export class RecordAppointmentHoldEnded {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentHoldEndedV1>>,
  ): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    const endedAt = new Date(event.occurredAt);
    const held = await updateCurrentSessionAppointment(
      manager,
      d.appointmentId,
      endedAt,
      { status: 'hold_ended' },
      ['held'],
    );
    const offer = await endOfferHold(
      manager,
      { offerId: d.offerId ?? null, appointmentId: d.appointmentId, orgId: event.orgId },
      offerEndOf(holdEndReasonOf(d), event.actor),
      now,
    );
    if (offer) await markOffersDue(manager, [offer.serviceId], now);
    if (held) await seatsFreedIn(manager, [held.sessionId], endedAt, now);
  }
}
