import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, appointmentBookedV1 } from '@careloop/contracts';
import { EndScheduledReminders } from '../plan/end-scheduled-reminders';
import { PlanReminders } from '../plan/plan-reminders';
import { insertNewAppointment } from './insert-new-appointment';
import { rebooks } from './rebooks';
import { RecordOfferTaken } from './record-offer-taken';
import { ReminderAppointment } from './reminder-appointment.entity';

/**
 * A new appointment: kept at version 1 and planned. Booking is an appointment's first event, but for
 * an in-reach offer, whose hold came first: an offered appointment being booked is the offer taken
 * (RecordOfferTaken). Any other appointment already known means this one is old news and changes
 * nothing.
 *
 * A booking that is the client's rebook after a miss (rebooks.ts: booked after the miss started, for
 * the same referral or either for none) cancels that miss's "sorry we missed you, reply to rebook"
 * text if it still waits (overnight, for quiet hours to end), in the same transaction, and the new
 * appointment's confirmation is the text that goes; a miss recorded after the rebook plans none
 * (RecordAttendance). Texts already sent stay as they are; the worker re-checks under its lock, so a
 * job that fires later sends nothing. A redelivered booking is old news and ends nothing more.
 */
@Injectable()
export class RecordAppointmentBooked {
  constructor(
    private readonly plan: PlanReminders,
    private readonly offerTaken: RecordOfferTaken,
    private readonly endReminders: EndScheduledReminders,
  ) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentBookedV1>>,
  ): Promise<void> {
    const d = event.data;
    const bookedAt = new Date(event.occurredAt);
    await rebooks.lockClient(manager, d.clientId);
    const appointment = manager.create(ReminderAppointment, {
      appointmentId: d.appointmentId,
      // The booking CDAS: the client's organisation, whose templates word the texts.
      orgId: event.orgId,
      clientId: d.clientId,
      referralId: d.referralId,
      status: 'booked',
      startsAt: new Date(d.startsAt),
      location: d.location,
      providerOrgId: d.providerOrgId ?? null,
      providerName: d.providerName,
      serviceType: d.serviceType,
      version: 1,
      bookedAt,
      lastEventAt: bookedAt,
    });
    if (await insertNewAppointment(manager, appointment)) await this.plan.execute(manager, appointment);
    else if (!(await this.offerTaken.execute(manager, event))) return;
    await this.endReminders.missedTextsRebookedBy(manager, d.appointmentId);
  }
}
