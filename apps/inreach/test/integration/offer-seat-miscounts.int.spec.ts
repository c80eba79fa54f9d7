import { ManualClock } from '@careloop/time';
import type { SessionView } from '../../src/session/session.dto';
import {
  aBooking,
  anAppointmentBookedEvent,
  anAppointmentCancelledEvent,
  deliveredToInreach,
} from '../support/day-sheet-events';
import { aHoldEndedEvent, anAppointmentHeldEvent, anOfferUnplacedEvent } from '../support/offer-events';
import { useWaitingClinic } from '../support/use-waiting-clinic';
import { aHoldFor, matcherOf, offersDueAt, offersOf, type StoredOffer } from '../support/waiting-clinic';

/**
 * When in-reach's count of a session's seats is wrong, on real Postgres with booking's events as
 * booking sends them: booking refuses an offer for want of a seat in-reach cannot see (its schedule
 * exceptions), or booking's word that a hold ended is lost. Neither makes offers spin nor keeps a seat
 * or a client forever. Monday 2 March 2026; the sessions are on Wednesdays.
 */
describe('in-reach offers when its count of seats is wrong', () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  const { clinic, run, aClinic, referred } = useWaitingClinic({
    database: 'inreach_offer_miscounts',
    clock,
  });
  const { api, orgId: riverside } = clinic;

  /** `seconds` from the clock's now, as an event's time. */
  const inSeconds = (seconds: number) => new Date(clock.now().getTime() + seconds * 1000).toISOString();

  /** A booking by staff of the session's first slot, in-reach told an hour ago. */
  const aStaffBooking = async (session: SessionView) => {
    const booked = aBooking({
      orgId: riverside,
      sessionId: session.id,
      startsAt: session.startsAt,
      endsAt: new Date(Date.parse(session.startsAt) + 20 * 60_000).toISOString(),
    });
    await deliveredToInreach(api, anAppointmentBookedEvent(booked, inSeconds(-3600)));
    return booked;
  };
  const noFreeSeat = (offer: StoredOffer, session: SessionView, refusedAt: string) =>
    anOfferUnplacedEvent(
      { offerId: offer.id, sessionId: session.id, clientId: offer.client_id, orgId: riverside },
      'no_free_seat',
      refusedAt,
    );
  const offeredSessions = async (serviceId: string, clientId: string) =>
    (await offersOf(api.dataSource, serviceId))
      .filter((o) => o.client_id === clientId)
      .map((o) => `${o.session_id} ${o.status}`);

  it('booking saying a session is full passes it over until a seat of it frees; then the client may be offered it again', async () => {
    // Two seats, one booked: in-reach counts one free, booking (an exception in-reach cannot see) none.
    const { serviceId, sessions } = await aClinic(2, '2026-03-11');
    const [session] = sessions;
    const booked = await aStaffBooking(session!);
    const a = await referred(serviceId, { referredAt: '2026-02-20T10:00:00Z', urgency: 'urgent' });
    const b = await referred(serviceId, { referredAt: '2026-02-20T10:00:00Z', urgency: 'soon' });
    await run();
    const [toA] = await offersOf(api.dataSource, serviceId);
    expect(toA).toMatchObject({ client_id: a.client.clientId, session_id: session!.id });

    await deliveredToInreach(api, noFreeSeat(toA!, session!, inSeconds(1)));
    expect(await offeredSessions(serviceId, a.client.clientId)).toEqual([`${session!.id} unplaced`]);
    expect(await offersDueAt(api.dataSource, serviceId)).toEqual(new Date('2026-03-02T08:01:00Z'));

    // A minute on, and an hour on: nobody is offered the seat booking does not have.
    clock.set('2026-03-02T08:01:00Z');
    expect((await run()).offersMade).toBe(0);
    clock.set('2026-03-02T09:00:00Z');
    expect(await matcherOf(api).offerSeatsOf(serviceId, clock.now())).toBe(0);
    expect(await offersOf(api.dataSource, serviceId)).toHaveLength(1);

    // The staff booking is cancelled: a seat frees, and both seats go out, one to the same client again.
    await deliveredToInreach(api, anAppointmentCancelledEvent(booked, inSeconds(-60)));
    expect(await offersDueAt(api.dataSource, serviceId)).toEqual(clock.now());
    await run();
    expect(await offeredSessions(serviceId, a.client.clientId)).toEqual([
      `${session!.id} unplaced`,
      `${session!.id} requested`,
    ]);
    expect(await offeredSessions(serviceId, b.client.clientId)).toEqual([`${session!.id} requested`]);

    // Only an unplaced offer is set aside: the database still refuses one session twice to one referral.
    await expect(
      api.dataSource.query(
        `UPDATE inreach.offer SET status = 'declined', ended_at = now(), end_reason = 'declined'
          WHERE id = $1`,
        [toA!.id],
      ),
    ).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23505', constraint: 'offer_session_once_per_referral' }),
    });
  });

  it('a refusal made before a seat freed blocks nothing, whichever of booking’s events comes first', async () => {
    const { serviceId, sessions } = await aClinic(2, '2026-03-11');
    const [session] = sessions;
    const booked = await aStaffBooking(session!);
    const a = await referred(serviceId, { referredAt: '2026-02-20T10:00:00Z', urgency: 'urgent' });
    await run();
    const [toA] = await offersOf(api.dataSource, serviceId);

    // Booking refused, then freed a seat 29 seconds later; in-reach hears of the seat first.
    await deliveredToInreach(api, anAppointmentCancelledEvent(booked, inSeconds(30)));
    await deliveredToInreach(api, noFreeSeat(toA!, session!, inSeconds(1)));
    clock.advance(60_000);
    await run();
    expect(await offeredSessions(serviceId, a.client.clientId)).toEqual([
      `${session!.id} unplaced`,
      `${session!.id} requested`,
    ]);
  });

  // Last: it moves the clock two days on.
  it('closes an open offer whose hold booking never said ended 15 minutes after it lapsed, and offers its seat on', async () => {
    const { serviceId, sessions } = await aClinic(1, '2026-03-11');
    const [session] = sessions;
    const a = await referred(serviceId, { referredAt: '2026-02-20T10:00:00Z', urgency: 'urgent' });
    const b = await referred(serviceId, { referredAt: '2026-02-20T10:00:00Z' });
    await run();
    const [toA] = await offersOf(api.dataSource, serviceId);
    const hold = aHoldFor(toA!, session!, riverside);
    await deliveredToInreach(api, anAppointmentHeldEvent(hold));
    const lapsed = toA!.expires_at.getTime();

    // Booking's hold-ended event is lost. Within the grace in-reach still waits for it.
    clock.set(new Date(lapsed + 14 * 60_000).toISOString());
    expect((await run()).offersNeverEnded).toBe(0);
    expect(await offeredSessions(serviceId, a.client.clientId)).toEqual([`${session!.id} open`]);
    expect(await offeredSessions(serviceId, b.client.clientId)).toEqual([]);

    clock.set(new Date(lapsed + 15 * 60_000).toISOString());
    expect((await run()).offersNeverEnded).toBe(1);
    expect(
      (await offersOf(api.dataSource, serviceId)).map((o) => [o.client_id, o.status, o.end_reason]),
    ).toEqual([
      [a.client.clientId, 'expired', 'hold_not_ended'],
      [b.client.clientId, 'requested', null],
    ]);
    // The held seat is counted free although in-reach never heard the hold end.
    expect(await offeredSessions(serviceId, b.client.clientId)).toEqual([`${session!.id} requested`]);

    // Booking's word comes late after all: the offer stays as it was closed.
    await deliveredToInreach(api, aHoldEndedEvent(hold, 'expired'));
    expect(await offeredSessions(serviceId, a.client.clientId)).toEqual([`${session!.id} expired`]);
  });
});
