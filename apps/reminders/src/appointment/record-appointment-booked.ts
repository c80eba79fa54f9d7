import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, appointmentBookedV1 } from '@careloop/contracts';
import { PlanReminders } from '../plan/plan-reminders';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { ReminderAppointment } from './reminder-appointment.entity';

/**
 * A new appointment: kept at version 1 and planned. Booking is an appointment's first event, so an
 * appointment already known means this one is old news and changes nothing.
 */
@Injectable()
export class RecordAppointmentBooked {
  constructor(private readonly plan: PlanReminders) {}

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
    const inserted = (await manager.query(
      `INSERT INTO "${REMINDERS_SCHEMA}"."appointment" ("appointment_id", "org_id", "client_id", "status",
         "starts_at", "location", "provider_org_id", "provider_name", "service_type", "version", "last_event_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT ("appointment_id") DO NOTHING
       RETURNING "appointment_id"`,
      [
        appointment.appointmentId,
        appointment.orgId,
        appointment.clientId,
        appointment.status,
        appointment.startsAt,
        appointment.location,
        appointment.providerOrgId,
        appointment.providerName,
        appointment.serviceType,
        appointment.version,
        appointment.lastEventAt,
      ],
    )) as unknown[];
    if (inserted.length === 1) await this.plan.execute(manager, appointment);
  }
}
