import { ManualClock } from '@careloop/time';
import type { OfferListView } from '../../src/offer/offer.dto';
import type { SessionView } from '../../src/session/session.dto';
import { published } from '../support/clinic-day';
import { deliveredToInreach } from '../support/day-sheet-events';
import {
  aHoldBookedEvent,
  aHoldEndedEvent,
  anAppointmentHeldEvent,
  anOfferUnplacedEvent,
  SESSION_WITHDRAWAL,
} from '../support/offer-events';
import { clientsOf, useWaitingClinic } from '../support/use-waiting-clinic';
import {
  aHoldFor,
  offersDueAt,
  offersOf,
  type ReferredClient,
  type StoredOffer,
} from '../support/waiting-clinic';

/**
 * What becomes of offers, on real Postgres with booking's answers as booking sends them and time moved
 * by hand: an offer held, then taken, declined or expired; one booking could not place; one booking
 * never answered. A seat that comes back goes to the next client, never to one offered that session
 * before. Monday 2 March 2026; the sessions are on Wednesdays.
 */
describe('in-reach offers taken, declined, expired and unplaced', () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  const { clinic, run, aClinic, referred } = useWaitingClinic({ database: 'inreach_offer_outcomes', clock });
  const { api, orgId: riverside } = clinic;

  const holdFor = (offer: StoredOffer, session: SessionView) => aHoldFor(offer, session, riverside);

  it('a declined or expired offer passes the seat to the next client, who is never offered that session again', async () => {
    const { serviceId, on, sessions } = await aClinic(1, '2026-03-11');
    const [session] = sessions;
    const first = await referred(serviceId, { referredAt: '2026-02-27T10:00:00Z', urgency: 'urgent' });
    const second = await referred(serviceId, { referredAt: '2026-02-27T10:00:00Z', urgency: 'soon' });
    const third = await referred(serviceId, { referredAt: '2026-02-27T10:00:00Z' });
    const offerTo = async (c: ReferredClient) =>
      (await offersOf(api.dataSource, serviceId)).filter((o) => o.client_id === c.client.clientId);

    await run();
    const [toFirst] = await offerTo(first);
    expect(toFirst).toMatchObject({ status: 'requested' });
    const firstHold = holdFor(toFirst!, session!);
    await deliveredToInreach(api, anAppointmentHeldEvent(firstHold));
    expect(await offerTo(first)).toEqual([
      expect.objectContaining({
        status: 'open',
        appointment_id: firstHold.appointmentId,
        slot_starts_at: new Date(session!.startsAt),
      }),
    ]);
    await run();
    expect(await offerTo(second)).toEqual([]); // the seat is held for the first client

    await deliveredToInreach(api, aHoldEndedEvent(firstHold, 'declined'));
    expect(await offerTo(first)).toEqual([
      expect.objectContaining({ status: 'declined', end_reason: 'declined' }),
    ]);
    await run();
    const [toSecond] = await offerTo(second);
    expect(toSecond).toMatchObject({ status: 'requested', session_id: session!.id });

    const secondHold = holdFor(toSecond!, session!);
    await deliveredToInreach(api, anAppointmentHeldEvent(secondHold), aHoldEndedEvent(secondHold, 'expired'));
    expect(await offerTo(second)).toEqual([
      expect.objectContaining({ status: 'expired', end_reason: 'expired' }),
    ]);
    await run();
    const [toThird] = await offerTo(third);
    expect(toThird).toMatchObject({ status: 'requested', session_id: session!.id });

    // The third takes it: held, then booked (the client said yes).
    const thirdHold = holdFor(toThird!, session!);
    await deliveredToInreach(api, anAppointmentHeldEvent(thirdHold), aHoldBookedEvent(thirdHold));
    expect(await offerTo(third)).toEqual([
      expect.objectContaining({ status: 'accepted', end_reason: 'booked' }),
    ]);
    const [row] = (await api.dataSource.query(
      `SELECT status FROM inreach.session_appointment WHERE appointment_id = $1`,
      [thirdHold.appointmentId],
    )) as { status: string }[];
    expect(row).toEqual({ status: 'booked' });

    // The next week's session goes to the first again: only the same session is never offered twice.
    const next = await published(clinic, on('2026-03-18'));
    await run();
    expect((await offerTo(first)).map((o) => `${o.session_id} ${o.status}`)).toEqual([
      `${session!.id} declined`,
      `${next.id} requested`,
    ]);
  });

  it('an offer booking could not place frees the client, who may be offered that session again, but only a minute later', async () => {
    const { serviceId, sessions } = await aClinic(2, '2026-03-11');
    const [session] = sessions;
    const a = await referred(serviceId, { referredAt: '2026-02-20T10:00:00Z', urgency: 'urgent' });
    const b = await referred(serviceId, { referredAt: '2026-02-20T10:00:00Z', urgency: 'soon' });
    const c = await referred(serviceId, { referredAt: '2026-02-20T10:00:00Z' });
    await run();
    const toA = (await offersOf(api.dataSource, serviceId)).find((o) => o.client_id === a.client.clientId)!;

    // Booking has not heard of the client yet (their events come on another topic).
    await deliveredToInreach(
      api,
      anOfferUnplacedEvent(
        { offerId: toA.id, sessionId: session!.id, clientId: a.client.clientId, orgId: riverside },
        'client_unknown',
      ),
    );
    expect((await offersOf(api.dataSource, serviceId)).find((o) => o.id === toA.id)).toMatchObject({
      status: 'unplaced',
      end_reason: 'client_unknown',
    });
    expect(await offersDueAt(api.dataSource, serviceId)).toEqual(new Date(clock.now().getTime() + 60_000));
    await run();
    expect(clientsOf(await offersOf(api.dataSource, serviceId))).toEqual(
      [a, b].map((x) => x.client.clientId).sort(),
    );

    // A minute on, the free seat goes to the urgent client again: an unplaced offer was never theirs to
    // turn down, so the same session may be offered.
    clock.advance(60_000);
    await run();
    const offers = await offersOf(api.dataSource, serviceId);
    expect(clientsOf(offers, 'requested').sort()).toEqual([a, b].map((x) => x.client.clientId).sort());
    expect(
      offers.filter((o) => o.client_id === a.client.clientId).map((o) => [o.session_id, o.status]),
    ).toEqual([
      [session!.id, 'unplaced'],
      [session!.id, 'requested'],
    ]);
    expect(clientsOf(offers)).not.toContain(c.client.clientId);
  });

  it('takes no hold or booking of an offer from another organisation’s events', async () => {
    const { serviceId, sessions } = await aClinic(1, '2026-03-11');
    const [session] = sessions;
    const a = await referred(serviceId, { referredAt: '2026-02-20T10:00:00Z', urgency: 'urgent' });
    await run();
    const [toA] = await offersOf(api.dataSource, serviceId);
    const hold = holdFor(toA!, session!);
    const elsewhere = { ...hold, orgId: 'org-elsewhere-cdas' };
    const heldRows = () =>
      api.dataSource.query(`SELECT status FROM inreach.session_appointment WHERE appointment_id = $1`, [
        hold.appointmentId,
      ]) as Promise<{ status: string }[]>;

    await deliveredToInreach(api, anAppointmentHeldEvent(elsewhere));
    expect(await heldRows()).toEqual([]);
    expect((await offersOf(api.dataSource, serviceId)).map((o) => o.status)).toEqual(['requested']);

    await deliveredToInreach(api, anAppointmentHeldEvent(hold), aHoldBookedEvent(elsewhere));
    expect(await heldRows()).toEqual([{ status: 'held' }]);
    expect((await offersOf(api.dataSource, serviceId)).map((o) => [o.client_id, o.status])).toEqual([
      [a.client.clientId, 'open'],
    ]);

    await deliveredToInreach(api, aHoldBookedEvent(hold));
    expect(await heldRows()).toEqual([{ status: 'booked' }]);
    expect((await offersOf(api.dataSource, serviceId)).map((o) => o.status)).toEqual(['accepted']);
  });

  it('a hold booking released because the session was withdrawn ends the offer as withdrawn, not declined', async () => {
    const { serviceId, sessions } = await aClinic(1, '2026-03-11');
    const [session] = sessions;
    await referred(serviceId, { referredAt: '2026-02-20T10:00:00Z', urgency: 'urgent' });
    await run();
    const [offer] = await offersOf(api.dataSource, serviceId);
    const hold = holdFor(offer!, session!);
    await deliveredToInreach(api, anAppointmentHeldEvent(hold));
    const cancelled = await api.call(clinic.coordinator, 'POST', `/inreach/sessions/${session!.id}/cancel`, {
      reason: 'Specialist on leave',
    });
    expect(cancelled.status).toBe(200);
    await deliveredToInreach(api, aHoldEndedEvent(hold, 'released', undefined, SESSION_WITHDRAWAL));

    const listed = await api.call<OfferListView>(
      clinic.coordinator,
      'GET',
      `/inreach/offers?serviceId=${serviceId}`,
    );
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: offer!.id,
        status: 'withdrawn',
        endReason: 'session_withdrawn',
        session: expect.objectContaining({ id: session!.id, status: 'cancelled' }),
        appointmentId: hold.appointmentId,
      }),
    ]);
    const declined = await api.call<OfferListView>(
      clinic.coordinator,
      'GET',
      `/inreach/offers?serviceId=${serviceId}&status=declined`,
    );
    expect(declined.body.total).toBe(0);
  });

  // Last: it moves the clock two days on.
  it('closes an offer booking never answered once it expires, and offers the seat to the next client', async () => {
    const { serviceId, sessions } = await aClinic(1, '2026-03-11');
    const [session] = sessions;
    const a = await referred(serviceId, { referredAt: '2026-02-20T10:00:00Z', urgency: 'urgent' });
    const b = await referred(serviceId, { referredAt: '2026-02-20T10:00:00Z' });
    await run();
    const [toA] = await offersOf(api.dataSource, serviceId);
    clock.set(new Date(toA!.expires_at.getTime() - 1000).toISOString());
    await run();
    expect(clientsOf(await offersOf(api.dataSource, serviceId), 'requested')).toEqual([a.client.clientId]);

    clock.set(toA!.expires_at.toISOString());
    const result = await run();
    expect(result.offersNeverHeld).toBeGreaterThanOrEqual(1);
    const offers = await offersOf(api.dataSource, serviceId);
    expect(offers.map((o) => [o.client_id, o.status, o.end_reason])).toEqual([
      [a.client.clientId, 'expired', 'not_held'],
      [b.client.clientId, 'requested', null],
    ]);
    // The next client has 48 hours from now, the session being further off.
    expect(offers[1]!.expires_at).toEqual(new Date(toA!.expires_at.getTime() + 48 * 3_600_000));
    expect(offers[1]!.session_id).toBe(session!.id);
  });
});
