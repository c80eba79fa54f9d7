import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, appointmentRescheduledV1 } from '@careloop/contracts';
import { CLOCK, type Clock } from '@careloop/time';
import { seatsFreedIn } from '../offer/offer-due';
import { SessionAppointment } from './session-appointment.entity';

/**
 * The appointment moved. Into a session (from another one or from an ordinary slot): its row now
 * belongs to that session, at the new time. Out of every session: its row goes, so no day sheet lists
 * it. An event older than the last one applied changes nothing; booking keys an appointment's events
 * by its id, so they arrive in order and a removed row is never brought back by an older move. A
 * booked appointment moving out of a session frees a seat there: the service's offers become due.
 */
@Injectable()
export class RecordAppointmentRescheduled {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentRescheduledV1>>,
  ): Promise<void> {
    const d = event.data;
    const at = new Date(event.occurredAt);
    const known = await manager.findOne(SessionAppointment, {
      where: { appointmentId: d.appointmentId },
      lock: { mode: 'pessimistic_write' },
    });
    if (known && at < known.lastEventAt) return;
    if (known?.status === 'booked' && known.sessionId !== d.inreachSessionId) {
      await seatsFreedIn(manager, [known.sessionId], at, this.clock.now());
    }
    if (!d.inreachSessionId) {
      if (known) await manager.delete(SessionAppointment, { appointmentId: d.appointmentId });
      return;
    }
    const moved = {
      sessionId: d.inreachSessionId,
      startsAt: new Date(d.startsAt),
      endsAt: new Date(d.endsAt),
      lastEventAt: at,
    };
    if (known) {
      await manager.update(SessionAppointment, { appointmentId: d.appointmentId }, moved);
      return;
    }
    // Booking reschedules only booked appointments: one moving in from an ordinary slot is booked.
    await manager.insert(SessionAppointment, {
      appointmentId: d.appointmentId,
      orgId: event.orgId,
      clientId: d.clientId,
      referralId: d.referralId,
      status: 'booked',
      holdExpiresAt: null,
      attendance: null,
      ...moved,
    });
  }
}
