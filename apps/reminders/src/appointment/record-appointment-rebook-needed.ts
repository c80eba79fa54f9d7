import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, appointmentRebookNeededV1 } from '@careloop/contracts';
import { EndScheduledReminders } from '../plan/end-scheduled-reminders';
import { currentAppointment } from './current-appointment';
import { ReminderAppointment } from './reminder-appointment.entity';

/**
 * The appointment's in-reach session was cancelled and booking found nowhere to move it: it stays
 * booked (in a withdrawn slot) until a keyworker rebooks it, but the client must not be told to
 * come. Its scheduled reminders end (`session_cancelled`) and it is marked so the worker, and no
 * stray job, texts for it; the rebook arrives as a reschedule, which re-plans and clears the mark.
 * The version stays: time and place have not changed, and a reminder is stopped by its row status.
 */
@Injectable()
export class RecordAppointmentRebookNeeded {
  constructor(private readonly endReminders: EndScheduledReminders) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentRebookNeededV1>>,
  ): Promise<void> {
    const d = event.data;
    const at = new Date(event.occurredAt);
    const { appointment, late } = await currentAppointment(manager, d.appointmentId, at);
    // Unknown here: nothing was planned. Already marked: a repeat of the same news.
    if (!appointment || late || appointment.status !== 'booked' || appointment.sessionCancelledAt) return;
    await manager.update(
      ReminderAppointment,
      { appointmentId: d.appointmentId },
      { sessionCancelledAt: at, lastEventAt: at },
    );
    await this.endReminders.forAppointment(manager, d.appointmentId, 'session_cancelled');
  }
}
