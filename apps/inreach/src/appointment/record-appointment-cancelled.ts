import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, appointmentCancelledV1 } from '@careloop/contracts';
import { CLOCK, type Clock } from '@careloop/time';
import { seatsFreedIn } from '../offer/offer-due';
import { updateCurrentSessionAppointment } from './update-current-session-appointment';

/**
 * A cancelled appointment leaves its session's list of booked clients; the row stays (cancelled) so a
 * late cancellation's recorded outcome is still there for the evidence report. Its seat is free again:
 * the service's offers become due in the same transaction.
 */
@Injectable()
export class RecordAppointmentCancelled {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentCancelledV1>>,
  ): Promise<void> {
    const at = new Date(event.occurredAt);
    const was = await updateCurrentSessionAppointment(manager, event.data.appointmentId, at, {
      status: 'cancelled',
    });
    if (was?.status === 'booked') await seatsFreedIn(manager, [was.sessionId], at, this.clock.now());
  }
}
