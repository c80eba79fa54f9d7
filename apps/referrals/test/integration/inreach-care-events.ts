import { randomUUID } from 'node:crypto';
import {
  appointmentAttendanceRecordedV1,
  appointmentBookedV1,
  appointmentCancelledV1,
  appointmentRebookNeededV1,
  appointmentRescheduledV1,
  inreachWalkInRecordedV1,
  type Actor,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
} from '@careloop/contracts';

/** An event of the contract `D`, as its producer publishes it. */
export type Env<D> = EventEnvelope<EventData<D>>;

export const PROVIDER = 'St Elsewhere Hepatology';
export const SERVICE_TYPE = 'hepatitis C treatment';
export const CASCADE: Actor = { kind: 'system', id: 'system:inreach-cascade' };

/** An event as its producer publishes it, its data validated against the contract. */
export function envelope<D>(
  def: EventDefinition,
  orgId: string,
  subjectId: string,
  actor: Actor,
  data: unknown,
  occurredAt: string,
): Env<D> {
  return {
    id: randomUUID(),
    type: def.type,
    version: def.version,
    occurredAt,
    orgId,
    actor,
    correlationId: randomUUID(),
    causationId: null,
    subjectId,
    data: def.data.parse(data) as EventData<D>,
  };
}

/** The same event published again by its producer under a new id (a fact reported twice). */
export const republished = <E extends EventEnvelope>(event: E): E => ({ ...event, id: randomUUID() });

/** When an appointment starting at `startsAt` ends: in-reach slots here are 20 minutes long. */
export const plus20 = (startsAt: string) => new Date(Date.parse(startsAt) + 20 * 60_000).toISOString();

/** Where the in-reach appointments here are booked. */
export const INREACH_LOCATION = 'Clinic room 2, 14 Mill Lane, Exampletown';

/** appointment.booked.v1's data for a booking of `ref` in a slot of the in-reach session `sessionId`. */
export function bookedInSession(
  ref: { appointmentId: string; clientId: string; referralId: string | null },
  startsAt: string,
  sessionId: string,
  bookedBy: string,
) {
  return {
    ...ref,
    providerName: PROVIDER,
    providerOrgId: 'org-st-elsewhere',
    serviceType: SERVICE_TYPE,
    location: INREACH_LOCATION,
    startsAt,
    endsAt: plus20(startsAt),
    bookedBy,
    inreachSessionId: sessionId,
  };
}

/**
 * Booking's events about one appointment in an in-reach session, as booking publishes them (keyed by
 * the appointment): booked by a keyworker, then moved or left to rebook by the cancellation cascade.
 */
export function anInreachAppointment(
  orgId: string,
  clientId: string,
  o: { referralId?: string | null; sessionId?: string; startsAt?: string } = {},
) {
  const appointmentId = randomUUID();
  const sessionId = o.sessionId ?? randomUUID();
  const startsAt = o.startsAt ?? '2026-11-05T10:00:00Z';
  const ref = { appointmentId, clientId, referralId: o.referralId ?? null };
  const keyworker: Actor = { kind: 'user', id: 'user-keyworker' };
  const make = <D>(def: EventDefinition, actor: Actor, data: unknown, at: string) =>
    envelope<D>(def, orgId, appointmentId, actor, data, at);
  return {
    appointmentId,
    sessionId,
    startsAt,
    booked: (at = '2026-10-20T09:00:00Z'): Env<typeof appointmentBookedV1> =>
      make(appointmentBookedV1, keyworker, bookedInSession(ref, startsAt, sessionId, keyworker.id), at),
    /** The cascade moved it to another session of the same service. */
    movedByCascade: (
      to: { startsAt: string; sessionId?: string },
      at = '2026-10-29T16:00:00Z',
    ): Env<typeof appointmentRescheduledV1> =>
      make(
        appointmentRescheduledV1,
        CASCADE,
        {
          ...ref,
          previousStartsAt: startsAt,
          startsAt: to.startsAt,
          endsAt: plus20(to.startsAt),
          location: 'Clinic room 3, 14 Mill Lane, Exampletown',
          providerOrgId: 'org-st-elsewhere',
          providerName: PROVIDER,
          rescheduledBy: CASCADE.id,
          inreachSessionId: to.sessionId ?? randomUUID(),
        },
        at,
      ),
    /** The cascade found no other session with room. */
    rebookNeeded: (at = '2026-10-29T16:00:00Z'): Env<typeof appointmentRebookNeededV1> =>
      make(
        appointmentRebookNeededV1,
        CASCADE,
        {
          ...ref,
          reason: 'inreach_session_cancelled',
          inreachSessionId: sessionId,
          serviceType: SERVICE_TYPE,
          providerName: PROVIDER,
          startsAt,
        },
        at,
      ),
    attended: (at = '2026-11-12T11:00:00Z'): Env<typeof appointmentAttendanceRecordedV1> =>
      make(
        appointmentAttendanceRecordedV1,
        { kind: 'user', id: 'user-clinic-admin' },
        { ...ref, outcome: 'attended', startsAt, recordedBy: 'user-clinic-admin' },
        at,
      ),
    cancelledByKeyworker: (at = '2026-10-30T09:00:00Z'): Env<typeof appointmentCancelledV1> =>
      make(
        appointmentCancelledV1,
        keyworker,
        { ...ref, cancelledBy: 'cdas', reason: 'Rebooked with the client', startsAt },
        at,
      ),
  };
}

/** In-reach's walk-in event (keyed by the session), for a client of the host CDAS `hostOrgId`. */
export function aWalkIn(
  hostOrgId: string,
  clientId: string,
  o: { sessionId?: string; seenAt?: string; envelopeOrgId?: string; serviceName?: string } = {},
): Env<typeof inreachWalkInRecordedV1> {
  const sessionId = o.sessionId ?? randomUUID();
  const seenAt = o.seenAt ?? '2026-11-05T11:40:00Z';
  return envelope(
    inreachWalkInRecordedV1,
    o.envelopeOrgId ?? hostOrgId,
    sessionId,
    { kind: 'user', id: 'user-coordinator' },
    {
      walkInId: randomUUID(),
      sessionId,
      serviceId: randomUUID(),
      serviceType: SERVICE_TYPE,
      serviceName: o.serviceName ?? 'Hepatitis C treatment',
      clientId,
      hostOrgId,
      seenAt,
      recordedBy: 'user-coordinator',
    },
    seenAt,
  );
}
