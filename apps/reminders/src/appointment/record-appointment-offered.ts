import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, HeldOffer, appointmentHeldV1 } from '@careloop/contracts';
import { PlanOffer } from '../plan/plan-offer';
import { insertNewAppointment } from './insert-new-appointment';
import { ReminderAppointment } from './reminder-appointment.entity';

type OfferHeld = EventEnvelope<EventData<typeof appointmentHeldV1> & { offer: HeldOffer }>;

/**
 * A seat held for an in-reach offer: kept as an appointment 'offered' at version 1, with the offer's
 * expiry (the hold's), and its one text planned. The hold is the appointment's first event, so one
 * already known means this is old news and changes nothing. Holds made by staff on the phone carry no
 * offer and are not consumed (the consumer passes only offers here).
 */
@Injectable()
export class RecordAppointmentOffered {
  constructor(private readonly planOffer: PlanOffer) {}

  async execute(manager: EntityManager, event: OfferHeld): Promise<void> {
    const d = event.data;
    const appointment = manager.create(ReminderAppointment, {
      appointmentId: d.appointmentId,
      // The CDAS whose waiting list made the offer: the client's organisation, whose templates word it.
      orgId: event.orgId,
      clientId: d.clientId,
      referralId: d.referralId,
      status: 'offered',
      startsAt: new Date(d.startsAt),
      location: d.offer.location,
      providerOrgId: d.offer.providerOrgId,
      providerName: d.offer.providerName,
      serviceType: d.offer.serviceType,
      version: 1,
      sessionCancelledAt: null,
      offerId: d.offer.offerId,
      offerExpiresAt: new Date(d.holdExpiresAt),
      lastEventAt: new Date(event.occurredAt),
    });
    if (await insertNewAppointment(manager, appointment)) await this.planOffer.execute(manager, appointment);
  }
}
