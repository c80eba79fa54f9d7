import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, appointmentBookedV1 } from '@careloop/contracts';
import { CLOCK, type Clock } from '@careloop/time';
import { acceptOffer } from '../offer/offer-outcomes';

/**
 * A booking in one of in-reach's sessions becomes a row of that session's day sheet: a new row, or the
 * hold it confirms (held, then booked). A booking elsewhere (no inreachSessionId, or an older event
 * without the field) is not in-reach's business. A booked row already there means this event is old
 * news. Booking an offer's held appointment is the client taking the offer. Only a hold and an offer of
 * the event's organisation change: booking's events name the host, so another means a bug or a forgery.
 */
@Injectable()
export class RecordAppointmentBooked {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentBookedV1>>,
  ): Promise<void> {
    const d = event.data;
    await acceptOffer(manager, { appointmentId: d.appointmentId, orgId: event.orgId }, this.clock.now());
    if (!d.inreachSessionId) return;
    await manager.query(
      `INSERT INTO "inreach"."session_appointment" AS current ("appointment_id", "session_id", "org_id", "client_id",
         "referral_id", "starts_at", "ends_at", "status", "attendance", "last_event_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'booked', NULL, $8)
       ON CONFLICT ("appointment_id") DO UPDATE
         SET "status" = 'booked', "session_id" = EXCLUDED."session_id", "referral_id" = EXCLUDED."referral_id",
             "starts_at" = EXCLUDED."starts_at", "ends_at" = EXCLUDED."ends_at", "last_event_at" = EXCLUDED."last_event_at"
         WHERE current."status" = 'held' AND current."org_id" = EXCLUDED."org_id"
           AND current."last_event_at" <= EXCLUDED."last_event_at"`,
      [
        d.appointmentId,
        d.inreachSessionId,
        event.orgId,
        d.clientId,
        d.referralId,
        new Date(d.startsAt),
        new Date(d.endsAt),
        new Date(event.occurredAt),
      ],
    );
  }
}
