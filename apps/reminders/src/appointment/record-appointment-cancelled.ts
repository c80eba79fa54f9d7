import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, appointmentCancelledV1 } from '@careloop/contracts';
import { EndScheduledReminders } from '../plan/end-scheduled-reminders';
import { currentAppointment } from './current-appointment';
import { ReminderAppointment } from './reminder-appointment.entity';

/**
 * The appointment was cancelled: a new version, status cancelled, its scheduled reminders cancelled.
 * An appointment reminders never knew had nothing planned, so there is nothing to do.
 */
@Injectable()
export class RecordAppointmentCancelled {
  constructor(private readonly endReminders: EndScheduledReminders) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentCancelledV1>>,
  ): Promise<void> {
    const d = event.data;
    const at = new Date(event.occurredAt);
    const { appointment, late } = await currentAppointment(manager, d.appointmentId, at);
    if (!appointment || late || appointment.status !== 'booked') return;
    await manager.update(
      ReminderAppointment,
      { appointmentId: d.appointmentId },
      { status: 'cancelled', version: appointment.version + 1, lastEventAt: at },
    );
    await this.endReminders.forAppointment(manager, d.appointmentId, 'appointment_cancelled');
  }
}
