import { randomUUID } from 'node:crypto';
import { AuditTrail } from '@careloop/auth';
import {
  appointmentBookedV1,
  appointmentHeldV1,
  appointmentHoldEndedV1,
  appointmentRebookNeededV1,
  appointmentRescheduledV1,
  type InreachSession,
} from '@careloop/contracts';
import { Database } from '@careloop/persistence';
import { eventually } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { bookAppointmentBody, type AppointmentView } from '../../src/appointment/appointment.dto';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { MoveAppointmentsOutOfCancelledSessions } from '../../src/inreach/move-appointments-out-of-cancelled-sessions';
import type { Site } from '../../src/organisation/site.entity';
import { appointmentsAt } from '../support/appointment-use-cases';
import { aBookingClient, aPrincipal, RIVERSIDE_CDAS } from '../support/booking-fixtures';
import { startBookingWithInreach, type BookingWithInreach } from '../support/booking-with-inreach-over-kafka';
import { eventsInOutbox } from '../support/events-in-outbox';
import {
  aHostSite,
  aSession,
  sessionPublished,
  sessionWithdrawn,
  slotsOfSessions,
} from '../support/inreach-sessions';
import { movesOfSession, type SessionMoveRow } from '../support/session-moves';

const WAIT = { timeoutMs: 30_000 };
const CASCADE = { kind: 'system', id: 'system:inreach-cascade' };
const REASON = 'In-reach session cancelled: Specialist on leave';

/**
 * The cancellation cascade, booking's side: in-reach's withdrawal of a session arrives over a real
 * Kafka broker, booking's consumer ends the session's holds and lists its booked appointments in the
 * same transaction, and the cascade task (as the module builds it) moves them to the service's next
 * session or asks the keyworker to rebook, on real Postgres.
 */
describe('the in-reach cancellation cascade over real Kafka', () => {
  const clock = new ManualClock('2030-01-07T09:00:00Z');
  const worker = aPrincipal({ orgId: RIVERSIDE_CDAS });
  let booking: BookingWithInreach;
  let db: Database;
  let cascade: MoveAppointmentsOutOfCancelledSessions;
  let riverside: Site;

  beforeAll(async () => {
    booking = await startBookingWithInreach('booking_inreach_cascade', clock);
    db = booking.db;
    cascade = booking.running.app.get(MoveAppointmentsOutOfCancelledSessions);
    riverside = await db.transaction((m) =>
      aHostSite(m, { orgId: RIVERSIDE_CDAS, siteName: 'Riverside House' }),
    );
  }, 90_000);

  afterAll(() => booking?.close(), 60_000);

  beforeEach(() => clock.set('2030-01-07T09:00:00Z'));

  const publish: BookingWithInreach['publish'] = (...events) => booking.publish(...events);
  const handled = (eventId: string) =>
    eventually(async () => expect(await booking.isHandled(eventId)).toBe(true), WAIT);

  /** Publishes the sessions and waits for booking to make their slots; the slots of each, by start. */
  const published = async <T extends InreachSession[]>(...sessions: T) => {
    const events = sessions.map(sessionPublished);
    await publish(...events);
    for (const event of events) await handled(event.id);
    return slotsOfSessions(db.dataSource, sessions);
  };

  const withdrawn = async (session: InreachSession) => {
    const event = sessionWithdrawn(session);
    await publish(event);
    await handled(event.id);
    return event;
  };

  /** Books (or holds) a new client of the host a minute after the last, so who booked first is clear. */
  const place = async (slotId: string, how: 'book' | 'hold' = 'book'): Promise<AppointmentView> => {
    clock.advance(60_000);
    const client = await db.transaction((m) => aBookingClient(m, { orgId: RIVERSIDE_CDAS }));
    const useCases = appointmentsAt(db.dataSource, clock);
    const body = bookAppointmentBody.parse({ slotId, clientId: client.clientId });
    return (await useCases[how].execute(worker, body, randomUUID())).result;
  };

  const get = (appointmentId: string) =>
    appointmentsAt(db.dataSource, clock).get.execute(worker, appointmentId);
  const takenOf = async (slotId: string) =>
    (
      (await db.dataSource.query(`SELECT taken FROM booking.slot WHERE id = $1`, [slotId])) as {
        taken: number;
      }[]
    )[0]!.taken;
  const eventsAbout = <T>(appointmentId: string, type: string) =>
    eventsInOutbox<T>(db.dataSource, { key: appointmentId, type });

  /** The cascade's rows expected for the appointments, ordered as movesOfSession lists them. */
  const movesOf = (appointments: AppointmentView[], row: Omit<SessionMoveRow, 'appointment_id'>) =>
    appointments
      .map((a) => ({ appointment_id: a.id, ...row }))
      .sort((a, b) => (a.appointment_id < b.appointment_id ? -1 : 1));

  it('moves both booked clients of a cancelled session to the service’s next session and ends its hold', async () => {
    const cancelled = aSession(riverside);
    const nextWeek = (day: string) => ({
      serviceId: cancelled.serviceId,
      startsAt: `2030-01-${day}T10:00:00.000Z`,
      endsAt: `2030-01-${day}T11:00:00.000Z`,
    });
    const next = aSession(riverside, nextWeek('16'));
    const [slots, nextSlots] = await published(cancelled, next, aSession(riverside, nextWeek('23')));
    const amira = await place(slots[0]!.id);
    const ben = await place(slots[2]!.id);
    const held = await place(slots[1]!.id, 'hold');

    // A booking in an in-reach session names the session (an ordinary one names none: see appointments).
    const [booked] = await eventsAbout(amira.id, appointmentBookedV1.type);
    expect(appointmentBookedV1.data.parse(booked!.data)).toMatchObject({
      inreachSessionId: cancelled.sessionId,
    });
    const [heldEvent] = await eventsAbout(held.id, appointmentHeldV1.type);
    expect(appointmentHeldV1.data.parse(heldEvent!.data)).toMatchObject({
      inreachSessionId: cancelled.sessionId,
      offer: null,
    });

    const withdrawal = await withdrawn(cancelled);
    expect(await movesOfSession(db.dataSource, cancelled.sessionId)).toEqual(
      movesOf([amira, ben], { status: 'pending', new_slot_id: null, attempts: 0, last_error: null }),
    );
    // The hold was never confirmed: it ends with the session, its seat given back, nothing to move.
    expect(await get(held.id)).toMatchObject({ status: 'hold_ended', slotWithdrawn: true });
    expect(await takenOf(slots[1]!.id)).toBe(0);
    const [holdEnded, ...noMore] = await eventsAbout(held.id, appointmentHoldEndedV1.type);
    expect(noMore).toEqual([]);
    expect(holdEnded).toMatchObject({ actor: CASCADE, orgId: RIVERSIDE_CDAS });
    expect(appointmentHoldEndedV1.data.parse(holdEnded!.data)).toMatchObject({
      appointmentId: held.id,
      slotId: slots[1]!.id,
      reason: 'released',
      inreachSessionId: cancelled.sessionId,
      offerId: null,
    });

    // The same message again, and the session withdrawn once more (a new event): nothing more listed.
    const again = sessionWithdrawn(cancelled, { reason: 'series_changed', note: null });
    await publish(withdrawal, again);
    await handled(again.id);
    expect(await movesOfSession(db.dataSource, cancelled.sessionId)).toHaveLength(2);

    expect(await cascade.run(clock.now())).toBe(2);
    const target = nextSlots[0]!;
    for (const [appointment, from] of [
      [amira, slots[0]!],
      [ben, slots[2]!],
    ] as const) {
      expect(await get(appointment.id)).toMatchObject({
        status: 'booked',
        slotId: target.id,
        startsAt: '2030-01-16T10:00:00.000Z',
        slotWithdrawn: false,
        // Nobody chose this move: it does not count as the client's or the worker's reschedule.
        rescheduledCount: 0,
      });
      const [moved, ...twice] = await eventsAbout(appointment.id, appointmentRescheduledV1.type);
      expect(twice).toEqual([]);
      expect(moved).toMatchObject({ actor: CASCADE, orgId: RIVERSIDE_CDAS });
      expect(appointmentRescheduledV1.data.parse(moved!.data)).toEqual({
        appointmentId: appointment.id,
        clientId: appointment.clientId,
        referralId: null,
        previousStartsAt: from.starts_at.toISOString(),
        startsAt: '2030-01-16T10:00:00.000Z',
        endsAt: '2030-01-16T10:30:00.000Z',
        location: 'Clinic room 2, 12 High Street, Exampletown',
        providerOrgId: RIVERSIDE_CDAS,
        providerName: 'Northfield Liver Nurses',
        rescheduledBy: 'system:inreach-cascade',
        inreachSessionId: next.sessionId,
        // The session's seats are the host's own, not a clinic's reserved capacity.
        underReservation: false,
      });
      const audit = await new AuditTrail().forClient(
        db.dataSource.manager,
        BOOKING_SCHEMA,
        appointment.clientId,
      );
      expect(audit.at(-1)).toMatchObject({
        action: 'update',
        actorUserId: 'system:inreach-cascade',
        actorOrgId: RIVERSIDE_CDAS,
        reason: REASON,
        details: { rescheduled: true, fromSlotId: from.id, toSlotId: target.id },
      });
      expect(await takenOf(from.id)).toBe(0);
    }
    expect(await takenOf(target.id)).toBe(2);
    expect(await movesOfSession(db.dataSource, cancelled.sessionId)).toEqual(
      movesOf([amira, ben], { status: 'moved', new_slot_id: target.id, attempts: 1, last_error: null }),
    );

    // A later run has nothing left to do for this session.
    expect(await cascade.run(clock.now())).toBe(0);
    expect(await eventsAbout(amira.id, appointmentRescheduledV1.type)).toHaveLength(1);
  });

  it('moves what fits into the next session and asks the keyworkers of the rest to rebook, once', async () => {
    const oneSlot = (day: string, seatsPerSlot: number, serviceId: string) =>
      aSession(riverside, {
        serviceId,
        startsAt: `2030-01-${day}T14:00:00.000Z`,
        endsAt: `2030-01-${day}T14:30:00.000Z`,
        seatsPerSlot,
      });
    const cancelled = oneSlot('09', 3, randomUUID());
    const [[slot], [next]] = await published(cancelled, oneSlot('16', 2, cancelled.serviceId));
    const alreadyThere = await place(next!.id);
    const first = await place(slot!.id);
    const second = await place(slot!.id);
    const third = await place(slot!.id);

    await withdrawn(cancelled);
    expect(await cascade.run(clock.now())).toBe(3);

    // One seat was left: whoever booked first keeps a place in the service.
    expect(await get(first.id)).toMatchObject({ slotId: next!.id, slotWithdrawn: false });
    expect(await takenOf(next!.id)).toBe(2);
    expect(await get(alreadyThere.id)).toMatchObject({ slotId: next!.id });
    for (const flagged of [second, third]) {
      // Never cancelled by the system: still booked, shown in its withdrawn slot until someone acts.
      expect(await get(flagged.id)).toMatchObject({
        status: 'booked',
        slotId: slot!.id,
        slotWithdrawn: true,
        slotWithdrawnReason: REASON,
      });
      const [asked, ...again] = await eventsAbout(flagged.id, appointmentRebookNeededV1.type);
      expect(again).toEqual([]);
      expect(asked).toMatchObject({ actor: CASCADE, orgId: RIVERSIDE_CDAS, subjectId: flagged.id });
      expect(appointmentRebookNeededV1.data.parse(asked!.data)).toEqual({
        appointmentId: flagged.id,
        clientId: flagged.clientId,
        referralId: null,
        reason: 'inreach_session_cancelled',
        inreachSessionId: cancelled.sessionId,
        serviceType: 'hepatitis_c',
        providerName: 'Northfield Liver Nurses',
        startsAt: '2030-01-09T14:00:00.000Z',
      });
      expect(await eventsAbout(flagged.id, appointmentRescheduledV1.type)).toEqual([]);
    }
    expect(
      (await movesOfSession(db.dataSource, cancelled.sessionId))
        .map((r) => [r.appointment_id, r.status])
        .sort(),
    ).toEqual(
      [
        [first.id, 'moved'],
        [second.id, 'rebook_needed'],
        [third.id, 'rebook_needed'],
      ].sort(),
    );

    // Asked once: later runs neither ask again nor move anyone.
    expect(await cascade.run(clock.now())).toBe(0);
    expect(await eventsAbout(second.id, appointmentRebookNeededV1.type)).toHaveLength(1);
    expect(await eventsAbout(first.id, appointmentRescheduledV1.type)).toHaveLength(1);
  });

  it('with no later session at least a day ahead, the appointment stays booked and the keyworker is asked to rebook', async () => {
    const serviceId = randomUUID();
    // Tomorrow morning's session is too soon to move a client to (less than 24 hours' notice).
    const tomorrow = aSession(riverside, {
      serviceId,
      startsAt: '2030-01-08T08:00:00.000Z',
      endsAt: '2030-01-08T09:00:00.000Z',
    });
    const cancelled = aSession(riverside, { serviceId });
    const [tooSoon, slots] = await published(tomorrow, cancelled);
    const appointment = await place(slots[0]!.id);

    await withdrawn(cancelled);
    expect(await cascade.run(clock.now())).toBe(1);

    expect(await get(appointment.id)).toMatchObject({
      status: 'booked',
      slotId: slots[0]!.id,
      slotWithdrawn: true,
    });
    const asked = await eventsAbout(appointment.id, appointmentRebookNeededV1.type);
    expect(asked.map((e) => e.data)).toEqual([
      expect.objectContaining({ appointmentId: appointment.id, inreachSessionId: cancelled.sessionId }),
    ]);
    expect(await movesOfSession(db.dataSource, cancelled.sessionId)).toEqual([
      expect.objectContaining({ appointment_id: appointment.id, status: 'rebook_needed', new_slot_id: null }),
    ]);
    for (const slot of tooSoon) expect(await takenOf(slot.id)).toBe(0);
  });
});
