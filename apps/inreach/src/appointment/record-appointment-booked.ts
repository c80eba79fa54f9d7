import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, appointmentBookedV1 } from '@careloop/contracts';

/**
 * A booking in one of in-reach's sessions becomes a row of that session's day sheet. A booking
 * elsewhere (no inreachSessionId, or an older event without the field) is not in-reach's business.
 * Booking is an appointment's first event, so a row already there means this one is old news.
 */
@Injectable()
export class RecordAppointmentBooked {
  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentBookedV1>>,
  ): Promise<void> {
    const d = event.data;
    if (!d.inreachSessionId) return;
    await manager.query(
      `INSERT INTO "inreach"."session_appointment" ("appointment_id", "session_id", "org_id", "client_id",
         "referral_id", "starts_at", "ends_at", "status", "attendance", "last_event_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'booked', NULL, $8)
       ON CONFLICT ("appointment_id") DO NOTHING`,
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
