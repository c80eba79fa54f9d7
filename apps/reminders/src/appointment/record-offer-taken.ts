import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, appointmentBookedV1 } from '@careloop/contracts';
import { EndScheduledReminders } from '../plan/end-scheduled-reminders';
import { PlanReminders } from '../plan/plan-reminders';
import { currentAppointment } from './current-appointment';
import { ReminderAppointment } from './reminder-appointment.entity';

/**
 * An offered appointment was booked (the client said yes, or a keyworker confirmed the hold): it
 * becomes an ordinary booked appointment at a new version, with the booking's time and place, and
 * gets the ordinary plan (a confirmation, then reminders). Its offer text, if still scheduled, is
 * superseded: the confirmation says more. Returns false, changing nothing, when the appointment is
 * not an open offer (unknown, ended, or already booked: a redelivery).
 */
@Injectable()
export class RecordOfferTaken {
  constructor(
    private readonly endReminders: EndScheduledReminders,
    private readonly plan: PlanReminders,
  ) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentBookedV1>>,
  ): Promise<boolean> {
    const d = event.data;
    const at = new Date(event.occurredAt);
    const { appointment, late } = await currentAppointment(manager, d.appointmentId, at);
    if (!appointment || late || appointment.status !== 'offered') return false;
    const booked: Partial<ReminderAppointment> = {
      status: 'booked',
      version: appointment.version + 1,
      startsAt: new Date(d.startsAt),
      location: d.location,
      providerName: d.providerName,
      providerOrgId: d.providerOrgId ?? appointment.providerOrgId,
      serviceType: d.serviceType,
      referralId: appointment.referralId ?? d.referralId,
      bookedAt: at,
      lastEventAt: at,
    };
    await manager.update(ReminderAppointment, { appointmentId: d.appointmentId }, booked);
    Object.assign(appointment, booked);
    await this.endReminders.forAppointment(manager, d.appointmentId, 'offer_booked', appointment.version);
    await this.plan.execute(manager, appointment);
    return true;
  }
}
