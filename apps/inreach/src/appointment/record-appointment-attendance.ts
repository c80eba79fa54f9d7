import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, appointmentAttendanceRecordedV1 } from '@careloop/contracts';
import { currentSessionAppointment } from './current-session-appointment';
import { SessionAppointment } from './session-appointment.entity';

/** Booking recorded whether the client came: the day sheet shows it and the evidence report counts it. */
@Injectable()
export class RecordAppointmentAttendance {
  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentAttendanceRecordedV1>>,
  ): Promise<void> {
    const at = new Date(event.occurredAt);
    const appointment = await currentSessionAppointment(manager, event.data.appointmentId, at);
    if (!appointment) return;
    await manager.update(
      SessionAppointment,
      { appointmentId: appointment.appointmentId },
      { attendance: event.data.outcome, lastEventAt: at },
    );
  }
}
