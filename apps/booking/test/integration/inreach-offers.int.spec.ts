import { randomUUID } from 'node:crypto';
import { AuditTrail } from '@careloop/auth';
import {
  appointmentHeldV1,
  appointmentOfferUnplacedV1,
  type AttendanceWindow,
  type InreachSession,
} from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { ManualClock } from '@careloop/time';
import { bookAppointmentBody } from '../../src/appointment/appointment.dto';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import type { OfferOutcome } from '../../src/inreach/hold-offered-seat';
import { WithdrawSessionSlots } from '../../src/inreach/withdraw-session-slots';
import { appointmentsAt } from '../support/appointment-use-cases';
import { useBookingDatabase } from '../support/booking-database';
import { aPrincipal, RIVERSIDE_CDAS } from '../support/booking-fixtures';
import { offerArrangement, offerMade, referralStatusChanged } from '../support/inreach-offers';
import { sessionWithdrawn } from '../support/inreach-sessions';
import { racingForLockedSlots } from '../support/racing-for-locked-slots';

const OFFERS = { kind: 'system', id: 'system:inreach-offer' };
/** Comes in on Wednesdays late morning: the default session is Wednesday 9 January 2030, 10:00-12:00. */
const WEDNESDAY_LATE_MORNING: AttendanceWindow[] = [{ day: 'wed', from: '11:00', to: '12:30' }];
const TUESDAYS: AttendanceWindow[] = [{ day: 'tue', from: '09:00', to: '17:00' }];
const ONE_SLOT_ONE_SEAT: Partial<InreachSession> = { endsAt: '2030-01-09T10:30:00.000Z', seatsPerSlot: 1 };

/**
 * An in-reach offer held as a seat, on real Postgres: booking's consumer of inreach.offer-made.v1
 * holds one seat of the session for the client until the offer expires, or says why it cannot;
 * never a seat twice, whatever runs at once.
 */
describe('holding a seat for an in-reach offer', () => {
  const db = useBookingDatabase('booking_inreach_offers', { poolSize: 10 });
  const clock = new ManualClock('2030-01-07T09:00:00Z');
  const worker = aPrincipal({ orgId: RIVERSIDE_CDAS });
  const world = offerArrangement(db, clock);

  beforeEach(() => clock.set('2030-01-07T09:00:00Z'));

  const appointmentsOfOffer = (offerId: string) =>
    db.dataSource.query(`SELECT id, slot_id, status FROM booking.appointment WHERE offer_id = $1`, [
      offerId,
    ]) as Promise<{ id: string; slot_id: string; status: string }[]>;

  /** Books a new client of the host into a slot as staff do. */
  const staffBook = async (slotId: string, clientId?: string) => {
    const id = clientId ?? (await world.aReferredClient()).clientId;
    const body = bookAppointmentBody.parse({ slotId, clientId: id });
    return appointmentsAt(db.dataSource, clock).book.execute(worker, body, randomUUID());
  };

  /** The offer-unplaced event booking sent for an offer, as the single event keyed by the offer. */
  const unplacedFor = async (offerId: string) => {
    const events = await world.eventsAbout(offerId);
    expect(events.map((e) => e.type)).toEqual([appointmentOfferUnplacedV1.type]);
    expect(events[0]).toMatchObject({ actor: OFFERS, orgId: RIVERSIDE_CDAS, subjectId: offerId });
    return appointmentOfferUnplacedV1.data.parse(events[0]!.data);
  };

  it('holds the earliest free seat until the offer expires, announcing the offer with the hold', async () => {
    const { session, slots } = await world.published();
    const client = await world.aReferredClient(TUESDAYS);
    const event = offerMade(session, client);

    const outcome = await world.offer(event);
    expect(outcome).toEqual({ kind: 'held', appointmentId: expect.any(String), slotId: slots[0]!.id });
    const appointmentId = outcome.kind === 'held' ? outcome.appointmentId : '';
    expect(await appointmentsAt(db.dataSource, clock).get.execute(worker, appointmentId)).toMatchObject({
      status: 'held',
      clientId: client.clientId,
      referralId: client.referralId,
      slotId: slots[0]!.id,
      holdExpiresAt: '2030-01-08T22:00:00.000Z',
      offerId: event.data.offerId,
      bookedBy: 'system:inreach-offer',
    });
    expect(await world.takenOf(slots[0]!.id)).toBe(1);

    const [held, ...more] = await world.eventsAbout(appointmentId);
    expect(more).toEqual([]);
    expect(held).toMatchObject({ type: appointmentHeldV1.type, actor: OFFERS, orgId: RIVERSIDE_CDAS });
    expect(appointmentHeldV1.data.parse(held!.data)).toEqual({
      appointmentId,
      clientId: client.clientId,
      referralId: client.referralId,
      slotId: slots[0]!.id,
      startsAt: '2030-01-09T10:00:00.000Z',
      holdExpiresAt: '2030-01-08T22:00:00.000Z',
      heldBy: 'system:inreach-offer',
      inreachSessionId: session.sessionId,
      offer: {
        offerId: event.data.offerId,
        providerName: 'Northfield Liver Nurses',
        providerOrgId: RIVERSIDE_CDAS,
        serviceType: 'hepatitis_c',
        location: 'Clinic room 2, 12 High Street, Exampletown',
        endsAt: '2030-01-09T10:30:00.000Z',
      },
    });
    expect(await world.eventsAbout(event.data.offerId)).toEqual([]);

    const audit = await new AuditTrail().forClient(db.dataSource.manager, BOOKING_SCHEMA, client.clientId);
    expect(audit.at(-1)).toMatchObject({
      action: 'create',
      actorUserId: 'system:inreach-offer',
      actorOrgId: RIVERSIDE_CDAS,
      subjectId: appointmentId,
      details: { status: 'held', slotId: slots[0]!.id, offerId: event.data.offerId },
    });
  });

  it('prefers a slot inside the client’s usual attendance window that day, else the earliest free one', async () => {
    const { session, slots } = await world.published({ seatsPerSlot: 1 });
    // Slots at 10:00, 10:30, 11:00 and 11:30: the client comes in from 11:00.
    const first = await world.aReferredClient(WEDNESDAY_LATE_MORNING);
    expect(await world.offer(offerMade(session, first))).toMatchObject({ slotId: slots[2]!.id });
    const second = await world.aReferredClient(WEDNESDAY_LATE_MORNING);
    expect(await world.offer(offerMade(session, second))).toMatchObject({ slotId: slots[3]!.id });
    // Both slots in the window taken: the earliest seat left.
    const third = await world.aReferredClient(WEDNESDAY_LATE_MORNING);
    expect(await world.offer(offerMade(session, third))).toMatchObject({ slotId: slots[0]!.id });
  });

  it('says the session is unknown when booking has no slots of it, and holds nothing', async () => {
    const { session } = await world.published();
    const client = await world.aReferredClient();
    const event = offerMade({ ...session, sessionId: randomUUID() }, client);
    expect(await world.offer(event)).toEqual({ kind: 'unplaced', reason: 'session_unknown' });
    expect(await unplacedFor(event.data.offerId)).toEqual({
      offerId: event.data.offerId,
      sessionId: event.data.sessionId,
      clientId: client.clientId,
      reason: 'session_unknown',
    });
    expect(await appointmentsOfOffer(event.data.offerId)).toEqual([]);
  });

  it('says the session was withdrawn when every slot still to come is', async () => {
    const { session, slots } = await world.published();
    await db.transaction((m) =>
      new WithdrawSessionSlots(new Outbox(BOOKING_SCHEMA, clock), new AuditTrail(), clock).execute(
        m,
        sessionWithdrawn(session),
      ),
    );
    const event = offerMade(session, await world.aReferredClient());
    expect(await world.offer(event)).toEqual({ kind: 'unplaced', reason: 'session_withdrawn' });
    expect(await unplacedFor(event.data.offerId)).toMatchObject({ reason: 'session_withdrawn' });
    for (const slot of slots) expect(await world.takenOf(slot.id)).toBe(0);
  });

  it('is too late when the offer has expired or every open slot starts before it would', async () => {
    const { session, slots } = await world.published();
    const client = await world.aReferredClient();
    const expired = offerMade(session, client, { expiresAt: '2030-01-07T09:00:00.000Z' });
    expect(await world.offer(expired)).toEqual({ kind: 'unplaced', reason: 'too_late' });
    expect(await unplacedFor(expired.data.offerId)).toMatchObject({ reason: 'too_late' });

    // Expiring at 11:45 on the day: the last slot starts at 11:30, so a hold would outlive every slot.
    const tooClose = offerMade(session, client, { expiresAt: '2030-01-09T11:45:00.000Z' });
    expect(await world.offer(tooClose)).toEqual({ kind: 'unplaced', reason: 'too_late' });
    // Expiring at 11:30: only the last slot starts late enough.
    const justInTime = offerMade(session, client, { expiresAt: '2030-01-09T11:30:00.000Z' });
    expect(await world.offer(justInTime)).toMatchObject({ kind: 'held', slotId: slots[3]!.id });
  });

  it('refuses a client who already has a seat in the session, booked or held', async () => {
    const { session, slots } = await world.published();
    const booked = await world.aReferredClient();
    await staffBook(slots[3]!.id, booked.clientId);
    const event = offerMade(session, booked);
    expect(await world.offer(event)).toEqual({ kind: 'unplaced', reason: 'client_already_in_session' });
    expect(await unplacedFor(event.data.offerId)).toMatchObject({ reason: 'client_already_in_session' });

    const offered = await world.aReferredClient();
    expect(await world.offer(offerMade(session, offered))).toMatchObject({ kind: 'held' });
    expect(await world.offer(offerMade(session, offered))).toEqual({
      kind: 'unplaced',
      reason: 'client_already_in_session',
    });
  });

  it('says no seat is free when the session is full, and takes a seat whose hold lapsed', async () => {
    const { session, slots } = await world.published(ONE_SLOT_ONE_SEAT);
    await staffBook(slots[0]!.id);
    const full = offerMade(session, await world.aReferredClient());
    expect(await world.offer(full)).toEqual({ kind: 'unplaced', reason: 'no_free_seat' });
    expect(await unplacedFor(full.data.offerId)).toMatchObject({ reason: 'no_free_seat' });

    const other = await world.published(ONE_SLOT_ONE_SEAT);
    const staffHold = appointmentsAt(db.dataSource, clock).hold;
    const heldBody = bookAppointmentBody.parse({
      slotId: other.slots[0]!.id,
      clientId: (await world.aReferredClient()).clientId,
    });
    const { result: lapsing } = await staffHold.execute(worker, heldBody, undefined);
    clock.advance(11 * 60_000);
    const offer = offerMade(other.session, await world.aReferredClient());
    expect(await world.offer(offer)).toMatchObject({ kind: 'held', slotId: other.slots[0]!.id });
    expect(await world.eventsAbout(lapsing.id)).toMatchObject([
      { type: 'appointment.held.v1' },
      { type: 'appointment.hold-ended.v1', data: { reason: 'expired' } },
    ]);
    expect(await world.takenOf(other.slots[0]!.id)).toBe(1);
  });

  it('says the client is unknown when booking has not heard of the client or referral yet, holding nothing', async () => {
    const { session, slots } = await world.published();
    const known = await world.aReferredClient();
    const other = await world.aReferredClient();
    for (const offered of [
      { clientId: randomUUID(), referralId: known.referralId },
      { clientId: known.clientId, referralId: randomUUID() },
      // Both known, but the referral is another client's.
      { clientId: known.clientId, referralId: other.referralId },
    ]) {
      const event = offerMade(session, offered);
      expect(await world.offer(event)).toEqual({ kind: 'unplaced', reason: 'client_unknown' });
      expect(await unplacedFor(event.data.offerId)).toEqual({
        offerId: event.data.offerId,
        sessionId: session.sessionId,
        clientId: offered.clientId,
        reason: 'client_unknown',
      });
      expect(await appointmentsOfOffer(event.data.offerId)).toEqual([]);
    }
    for (const slot of slots) expect(await world.takenOf(slot.id)).toBe(0);
  });

  it('says the referral is not waiting when it is no longer sent or accepted, and holds nothing', async () => {
    const { session, slots } = await world.published();
    const accepted = await world.aReferredClient();
    await world.statusChanged(referralStatusChanged(accepted, 'accepted'));
    expect(await world.offer(offerMade(session, accepted))).toMatchObject({ kind: 'held' });

    for (const status of ['closed', 'booked', 'rejected', 'did_not_attend', 'draft'] as const) {
      const client = await world.aReferredClient();
      await world.statusChanged(referralStatusChanged(client, status));
      const event = offerMade(session, client);
      expect(await world.offer(event)).toEqual({ kind: 'unplaced', reason: 'referral_not_waiting' });
      expect(await unplacedFor(event.data.offerId)).toMatchObject({ reason: 'referral_not_waiting' });
      expect(await appointmentsOfOffer(event.data.offerId)).toEqual([]);
    }
    // Only the accepted referral's offer took a seat.
    const taken = await Promise.all(slots.map((s) => world.takenOf(s.id)));
    expect(taken.reduce((sum, n) => sum + n, 0)).toBe(1);
  });

  it('dead-letters an offer sent under another organisation than the session’s host, changing nothing', async () => {
    const { session, slots } = await world.published();
    const event = { ...offerMade(session, await world.aReferredClient()), orgId: 'org-elsewhere-cdas' };
    await expect(world.offer(event)).rejects.toMatchObject({
      code: 'OFFER_NOT_FROM_HOST',
      consumerDecision: 'dead-letter',
    });
    expect(await world.eventsAbout(event.data.offerId)).toEqual([]);
    expect(await appointmentsOfOffer(event.data.offerId)).toEqual([]);
    for (const slot of slots) expect(await world.takenOf(slot.id)).toBe(0);
  });

  it('holds nothing twice for an offer delivered again, even at the same moment', async () => {
    const { session } = await world.published();
    const client = await world.aReferredClient();
    const event = offerMade(session, client);
    const first = await world.offer(event);
    // The same offer under a new event id (the inbox cannot tell): the hold is already there.
    const again = await world.offer({ ...event, id: randomUUID() });
    expect(first.kind).toBe('held');
    expect(again).toEqual({
      kind: 'already_held',
      appointmentId: (first as { appointmentId: string }).appointmentId,
    });
    expect(await appointmentsOfOffer(event.data.offerId)).toHaveLength(1);

    const racing = offerMade(session, await world.aReferredClient());
    const outcomes = await racingForLockedSlots(db, session.sessionId, [
      () => world.offer(racing),
      () => world.offer({ ...racing, id: randomUUID() }),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['already_held', 'held']);
    const [only, ...none] = await appointmentsOfOffer(racing.data.offerId);
    expect(none).toEqual([]);
    expect(await world.eventsAbout(only!.id, appointmentHeldV1.type)).toHaveLength(1);
  });

  it('gives the last seat to one of two offers arriving at once; the other is unplaced', async () => {
    const { session, slots } = await world.published(ONE_SLOT_ONE_SEAT);
    const offers = [
      offerMade(session, await world.aReferredClient()),
      offerMade(session, await world.aReferredClient()),
    ];
    const outcomes = await racingForLockedSlots(
      db,
      session.sessionId,
      offers.map((o) => () => world.offer(o)),
    );

    expect(outcomes.map((o) => o.kind).sort()).toEqual(['held', 'unplaced']);
    const lost = offers[outcomes.findIndex((o) => o.kind === 'unplaced')]!;
    expect(await unplacedFor(lost.data.offerId)).toMatchObject({ reason: 'no_free_seat' });
    expect(await appointmentsOfOffer(lost.data.offerId)).toEqual([]);
    expect(await world.takenOf(slots[0]!.id)).toBe(1);
  });

  it('gives the last seat to either a staff booking or an offer arriving at once, never both', async () => {
    const { session, slots } = await world.published(ONE_SLOT_ONE_SEAT);
    const offer = offerMade(session, await world.aReferredClient());
    const staffClient = await world.aReferredClient();
    const [booking, offered] = await racingForLockedSlots<string | OfferOutcome | undefined>(
      db,
      session.sessionId,
      [
        () =>
          staffBook(slots[0]!.id, staffClient.clientId).then(
            () => 'booked',
            (e: { code?: string }) => e.code,
          ),
        () => world.offer(offer),
      ],
    );

    expect(await world.takenOf(slots[0]!.id)).toBe(1);
    if (booking === 'booked') {
      expect(offered).toEqual({ kind: 'unplaced', reason: 'no_free_seat' });
    } else {
      expect(booking).toBe('SLOT_ALREADY_BOOKED');
      expect(offered).toMatchObject({ kind: 'held', slotId: slots[0]!.id });
    }
  });
});
