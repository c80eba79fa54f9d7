import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, appointmentHeldV1 } from '@careloop/contracts';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER } from '@careloop/runtime';
import { CLOCK, type Clock } from '@careloop/time';
import { openOffer } from '../offer/offer-outcomes';

/**
 * Booking held a seat of one of in-reach's sessions: the hold takes a seat until it is booked or ends
 * (or well after it lapses, should booking's word that it ended be lost), so the offer job does not
 * offer it again. A hold for an offer also opens the offer (the appointment the keyworker confirms or
 * releases, the slot's time). A hold is an appointment's first event, so a row already there means this
 * one is old news. A hold elsewhere is not in-reach's business; one that names a session another
 * organisation hosts (or none in-reach knows) is logged and changes nothing: booking holds a session's
 * seats for its host only, so it means a bug or a forged event.
 */
@Injectable()
export class RecordAppointmentHeld {
  private readonly logger: Logger;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: RecordAppointmentHeld.name });
  }

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentHeldV1>>,
  ): Promise<void> {
    const d = event.data;
    if (d.inreachSessionId) {
      const host = await this.hostOf(manager, d.inreachSessionId);
      if (host !== event.orgId) {
        this.logger.warn(
          {
            appointmentId: d.appointmentId,
            sessionId: d.inreachSessionId,
            orgId: event.orgId,
            eventId: event.id,
          },
          host
            ? 'hold in an in-reach session another organisation hosts: ignored'
            : 'hold in an in-reach session in-reach does not know: ignored',
        );
        return;
      }
    }
    const startsAt = new Date(d.startsAt);
    const offer = d.offer
      ? await openOffer(
          manager,
          { offerId: d.offer.offerId, orgId: event.orgId, clientId: d.clientId },
          { appointmentId: d.appointmentId, slotStartsAt: startsAt },
          this.clock.now(),
        )
      : null;
    const sessionId = d.inreachSessionId ?? offer?.sessionId;
    if (!sessionId) return;
    // The event has no end but an offer's: a slot of the session is its slot length long.
    await manager.query(
      `INSERT INTO "inreach"."session_appointment" ("appointment_id", "session_id", "org_id", "client_id",
         "referral_id", "starts_at", "ends_at", "status", "hold_expires_at", "attendance", "last_event_at")
       SELECT $1, $2, $3, $4, $5, $6,
              COALESCE($7::timestamptz, $6::timestamptz + make_interval(mins => s."slot_minutes"), $6::timestamptz),
              'held', $8, NULL, $9
         FROM (SELECT 1) AS one LEFT JOIN "inreach"."session" s ON s."id" = $2
       ON CONFLICT ("appointment_id") DO NOTHING`,
      [
        d.appointmentId,
        sessionId,
        event.orgId,
        d.clientId,
        d.referralId,
        startsAt,
        d.offer ? new Date(d.offer.endsAt) : null,
        new Date(d.holdExpiresAt),
        new Date(event.occurredAt),
      ],
    );
  }

  /** The organisation hosting the session, null when in-reach does not know it. */
  private async hostOf(manager: EntityManager, sessionId: string): Promise<string | null> {
    const [row] = (await manager.query(
      `SELECT sv."host_org_id" FROM "inreach"."session" s
         JOIN "inreach"."inreach_service" sv ON sv."id" = s."service_id"
        WHERE s."id" = $1`,
      [sessionId],
    )) as { host_org_id: string }[];
    return row?.host_org_id ?? null;
  }
}
