import type { EntityManager } from 'typeorm';
import type { appointmentRescheduledV1, EventData, EventEnvelope } from '@careloop/contracts';
import { careEventRow, ClientCareEvent } from './client-care-event.entity';

type RescheduledEvent = EventEnvelope<EventData<typeof appointmentRescheduledV1>>;

/**
 * Keeps an appointment's move for the timeline (the appointment projection holds only where it is
 * now), in the transaction that applies it. The caller has checked the appointment is the client's.
 * Every move shows, with or without a referral: an in-reach booking often has none, and the cascade
 * moves clients without anyone at the CDAS doing it.
 */
export async function recordAppointmentMove(manager: EntityManager, event: RescheduledEvent): Promise<void> {
  const d = event.data;
  const row = careEventRow({
    id: event.id,
    orgId: event.orgId,
    clientId: d.clientId,
    kind: 'appointment_rescheduled',
    appointmentId: d.appointmentId,
    referralId: d.referralId,
    inreachSessionId: d.inreachSessionId ?? null,
    providerName: d.providerName ?? null,
    location: d.location,
    previousStartsAt: new Date(d.previousStartsAt),
    startsAt: new Date(d.startsAt),
    by: d.rescheduledBy,
    at: new Date(event.occurredAt),
  });
  await manager.createQueryBuilder().insert().into(ClientCareEvent).values(row).orIgnore().execute();
}
