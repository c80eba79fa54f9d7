import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, appointmentRescheduledV1 } from '@careloop/contracts';
import { EndScheduledReminders } from '../plan/end-scheduled-reminders';
import { PlanReminders } from '../plan/plan-reminders';
import { ReminderAppointmentError } from './appointment.errors';
import { currentAppointment } from './current-appointment';
import { ReminderAppointment } from './reminder-appointment.entity';

/**
 * The appointment moved: a new version with the new time and place, the old version's scheduled
 * reminders superseded (never sent: the worker also checks the version) and a new plan made.
 */
@Injectable()
export class RecordAppointmentRescheduled {
  constructor(
    private readonly endReminders: EndScheduledReminders,
    private readonly plan: PlanReminders,
  ) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentRescheduledV1>>,
  ): Promise<void> {
    const d = event.data;
    const at = new Date(event.occurredAt);
    const { appointment, late } = await currentAppointment(manager, d.appointmentId, at);
    if (!appointment)
      throw new ReminderAppointmentError('APPOINTMENT_NOT_KNOWN', {
        detail: `Appointment ${d.appointmentId} was rescheduled but its booking has not been seen`,
      });
    // Booking reschedules only booked appointments; a move after an end is old news arriving late.
    if (late || appointment.status !== 'booked') return;
    const moved: Partial<ReminderAppointment> = {
      version: appointment.version + 1,
      startsAt: new Date(d.startsAt),
      location: d.location,
      // Older events name no provider: the slot moved within the same one.
      providerName: d.providerName ?? appointment.providerName,
      providerOrgId: d.providerOrgId ?? appointment.providerOrgId,
      // A rebook after a cancelled session: the new place and time are worth reminding of.
      sessionCancelledAt: null,
      lastEventAt: at,
    };
    await manager.update(ReminderAppointment, { appointmentId: d.appointmentId }, moved);
    Object.assign(appointment, moved);
    await this.endReminders.forAppointment(manager, d.appointmentId, 'rescheduled', appointment.version);
    await this.plan.execute(manager, appointment);
  }
}
