import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, appointmentCancelledV1 } from '@careloop/contracts';
import { updateCurrentSessionAppointment } from './update-current-session-appointment';

/**
 * A cancelled appointment leaves its session's list of booked clients; the row stays (cancelled) so a
 * late cancellation's recorded outcome is still there for the evidence report.
 */
@Injectable()
export class RecordAppointmentCancelled {
  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentCancelledV1>>,
  ): Promise<void> {
    const at = new Date(event.occurredAt);
    await updateCurrentSessionAppointment(manager, event.data.appointmentId, at, { status: 'cancelled' });
  }
}
