import { randomUUID } from 'node:crypto';
import {
  findEventDefinition,
  type AttendanceOutcome,
  type ClientSnapshot,
  type EventEnvelope,
} from '@careloop/contracts';
import { headersFor } from '@careloop/messaging';
import { aReferralCreatedEvent, eventually } from '@careloop/testing';
import type { InreachOverHttp } from './inreach-over-http';

/**
 * The other services' events in-reach keeps copies from, built as their producers send them (each is
 * checked against its contract here, so a spec's mistake fails where it is made), and published on
 * in-reach's in-process bus.
 */

type Envelope<T> = EventEnvelope<T>;

/** An event of `type` about `subjectId`, its data checked against the contract. */
export function envelope<T>(
  type: string,
  subjectId: string,
  orgId: string,
  data: T,
  occurredAt: string | Date = new Date(),
): Envelope<T> {
  const definition = findEventDefinition(type);
  if (!definition) throw new Error(`No contract for ${type}`);
  definition.data.parse(data);
  return {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date(occurredAt).toISOString(),
    orgId,
    actor: { kind: 'user', id: 'user-test' },
    correlationId: randomUUID(),
    causationId: null,
    subjectId,
    data,
  };
}

export function aClientSnapshot(overrides: Partial<ClientSnapshot> = {}): ClientSnapshot {
  return {
    clientId: randomUUID(),
    version: 1,
    name: { given: 'Sam', family: 'Taylor' },
    preferredName: null,
    dateOfBirth: '1979-04-12',
    nhsNumber: '9434765919',
    keyworkerId: 'alex.morgan',
    siteId: 'site-riverside-high-street',
    gpPracticeOds: 'Y12345',
    flags: {
      noFixedAbode: true,
      recentlyReleasedFromPrison: false,
      interpreterNeeded: false,
      interpreterLanguage: null,
    },
    attendancePattern: [{ day: 'wed', from: '09:00', to: '12:00' }],
    ...overrides,
  };
}

/** client.registered.v1 at version 1, client.updated.v1 after it. */
export function aClientEvent(
  orgId: string,
  snapshot: ClientSnapshot,
  occurredAt?: string,
): Envelope<ClientSnapshot> {
  const type = snapshot.version === 1 ? 'client.registered.v1' : 'client.updated.v1';
  return envelope(type, snapshot.clientId, orgId, snapshot, occurredAt);
}

export interface BookedAppointment {
  appointmentId: string;
  orgId: string;
  clientId: string;
  referralId: string | null;
  sessionId: string | null;
  startsAt: string;
  endsAt: string;
}

/** A booking of a new client unless `clientId` is given. */
export function aBooking(
  fields: Pick<BookedAppointment, 'orgId' | 'sessionId' | 'startsAt' | 'endsAt'> & Partial<BookedAppointment>,
): BookedAppointment {
  return { appointmentId: randomUUID(), clientId: randomUUID(), referralId: null, ...fields };
}

const ref = (a: BookedAppointment) => ({
  appointmentId: a.appointmentId,
  clientId: a.clientId,
  referralId: a.referralId,
});

export function anAppointmentBookedEvent(a: BookedAppointment, occurredAt?: string) {
  return envelope(
    'appointment.booked.v1',
    a.appointmentId,
    a.orgId,
    {
      ...ref(a),
      providerName: 'St Elsewhere Hepatology',
      providerOrgId: 'org-st-elsewhere',
      serviceType: 'hepatitis_c',
      location: 'Clinic room 2, 12 High Street, Riverside',
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      bookedBy: 'alex.morgan',
      inreachSessionId: a.sessionId,
    },
    occurredAt,
  );
}

/** The appointment moved to `to` (sessionId null: an ordinary slot); `a` is updated to match. */
export function anAppointmentRescheduledEvent(
  a: BookedAppointment,
  to: Pick<BookedAppointment, 'sessionId' | 'startsAt' | 'endsAt'>,
  occurredAt?: string,
) {
  const event = envelope(
    'appointment.rescheduled.v1',
    a.appointmentId,
    a.orgId,
    {
      ...ref(a),
      previousStartsAt: a.startsAt,
      startsAt: to.startsAt,
      endsAt: to.endsAt,
      location: 'Clinic room 2, 12 High Street, Riverside',
      rescheduledBy: 'alex.morgan',
      inreachSessionId: to.sessionId,
    },
    occurredAt,
  );
  Object.assign(a, to);
  return event;
}

export function anAppointmentCancelledEvent(a: BookedAppointment, occurredAt?: string) {
  return envelope(
    'appointment.cancelled.v1',
    a.appointmentId,
    a.orgId,
    { ...ref(a), cancelledBy: 'client', reason: 'Client asked to cancel', startsAt: a.startsAt },
    occurredAt,
  );
}

export function anAttendanceRecordedEvent(
  a: BookedAppointment,
  outcome: AttendanceOutcome,
  occurredAt?: string,
) {
  return envelope(
    'appointment.attendance-recorded.v1',
    a.appointmentId,
    a.orgId,
    { ...ref(a), outcome, startsAt: a.startsAt, recordedBy: 'clinic-nurse' },
    occurredAt,
  );
}

/** referral.created.v1 for a client, made at `createdAt` (to an in-reach service unless told). */
export function aReferralMadeEvent(
  orgId: string,
  clientId: string,
  createdAt: string,
  destinationKind: 'gp' | 'outpatient' | 'inreach' | 'other' = 'inreach',
) {
  return aReferralCreatedEvent({
    orgId,
    occurredAt: new Date(createdAt).toISOString(),
    data: {
      clientId,
      destinationKind,
      destinationName: destinationKind === 'inreach' ? 'Hepatitis C treatment' : 'Hillside Surgery',
    },
  });
}

/** Publishes on in-reach's in-process bus, each on its contract's topic keyed by its subject. */
export async function publishToInreach(api: InreachOverHttp, ...events: EventEnvelope[]): Promise<void> {
  await api.running.bus.inProcessBus!.publish(
    events.map((e) => ({
      topic: findEventDefinition(e.type)!.topic,
      key: e.subjectId,
      value: JSON.stringify(e),
      headers: headersFor(e),
    })),
  );
}

/** Publishes the events and waits until in-reach has handled every one (its inbox holds them). */
export async function deliveredToInreach(api: InreachOverHttp, ...events: EventEnvelope[]): Promise<void> {
  await publishToInreach(api, ...events);
  const ids = events.map((e) => e.id);
  await eventually(async () => {
    const rows = (await api.dataSource.query(
      `SELECT count(DISTINCT "event_id")::int AS "handled" FROM "inreach"."inbox" WHERE "event_id" = ANY($1::uuid[])`,
      [ids],
    )) as { handled: number }[];
    expect(rows[0]!.handled).toBe(new Set(ids).size);
  });
}
