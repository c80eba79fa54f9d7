import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, appointmentAttendanceRecordedV1 } from '@careloop/contracts';
import { updateCurrentSessionAppointment } from './update-current-session-appointment';

/** Booking recorded whether the client came: the day sheet shows it and the evidence report counts it. */
@Injectable()
export class RecordAppointmentAttendance {
  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentAttendanceRecordedV1>>,
  ): Promise<void> {
    const at = new Date(event.occurredAt);
    await updateCurrentSessionAppointment(manager, event.data.appointmentId, at, {
      attendance: event.data.outcome,
    });
  }
}
