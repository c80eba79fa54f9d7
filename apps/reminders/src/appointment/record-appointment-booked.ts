import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, appointmentBookedV1 } from '@careloop/contracts';
import { PlanReminders } from '../plan/plan-reminders';
import { insertNewAppointment } from './insert-new-appointment';
import { RecordOfferTaken } from './record-offer-taken';
import { ReminderAppointment } from './reminder-appointment.entity';

/**
 * A new appointment: kept at version 1 and planned. Booking is an appointment's first event, but for
 * an in-reach offer, whose hold came first: an offered appointment being booked is the offer taken
 * (RecordOfferTaken). Any other appointment already known means this one is old news and changes
 * nothing.
 */
@Injectable()
export class RecordAppointmentBooked {
  constructor(
    private readonly plan: PlanReminders,
    private readonly offerTaken: RecordOfferTaken,
  ) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentBookedV1>>,
  ): Promise<void> {
    const d = event.data;
    const appointment = manager.create(ReminderAppointment, {
      appointmentId: d.appointmentId,
      // The booking CDAS: the client's organisation, whose templates word the texts.
      orgId: event.orgId,
      clientId: d.clientId,
      status: 'booked',
      startsAt: new Date(d.startsAt),
      location: d.location,
      providerOrgId: d.providerOrgId ?? null,
      providerName: d.providerName,
      serviceType: d.serviceType,
      version: 1,
      lastEventAt: new Date(event.occurredAt),
    });
    if (await insertNewAppointment(manager, appointment)) await this.plan.execute(manager, appointment);
    else await this.offerTaken.execute(manager, event);
  }
}
