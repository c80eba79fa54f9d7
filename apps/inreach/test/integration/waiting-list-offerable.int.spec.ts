import { ManualClock } from '@careloop/time';
import type { WaitingListView } from '../../src/waiting-list/waiting-list.dto';
import {
  aBooking,
  aClientSnapshot,
  anAppointmentBookedEvent,
  deliveredToInreach,
} from '../support/day-sheet-events';
import {
  aHoldEndedEvent,
  anAppointmentHeldEvent,
  anInreachReferral,
  anInreachReferralCreatedEvent,
} from '../support/offer-events';
import { useWaitingClinic } from '../support/use-waiting-clinic';
import { aHoldFor, offersOf } from '../support/waiting-clinic';

/**
 * The waiting list over HTTP tells keyworkers who the offer job would pass over for the session it
 * ranks for, and why, by the job's own rules: and the job then does just that. Monday 2 March 2026;
 * the clinic's sessions are on Wednesdays, two seats each.
 */
describe('who on a waiting list may be offered a seat, and why not', () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  const { clinic, run, aClinic, referred } = useWaitingClinic({
    database: 'inreach_waiting_offerable',
    clock,
  });
  const { api, orgId: riverside, coordinator } = clinic;

  it('marks each waiting client the job would pass over, with why, and the job offers the others', async () => {
    const { serviceId, sessions } = await aClinic(2, '2026-03-11', '2026-03-18');
    const [march11, march18] = sessions;
    const declined = await referred(serviceId, {
      referredAt: '2026-02-20T10:00:00Z',
      urgency: 'urgent',
      given: 'Dee',
    });
    const offered = await referred(serviceId, {
      referredAt: '2026-02-20T10:00:00Z',
      urgency: 'soon',
      given: 'Liv',
    });
    await run();
    // Dee says no to 11 March; Liv's offer is still being asked of booking.
    const toDee = (await offersOf(api.dataSource, serviceId)).find(
      (o) => o.client_id === declined.client.clientId,
    )!;
    const deeHold = aHoldFor(toDee, march11!, riverside);
    await deliveredToInreach(api, anAppointmentHeldEvent(deeHold), aHoldEndedEvent(deeHold, 'declined'));

    // Bo is booked into 18 March; Una's client record has not reached in-reach; Wes may be offered.
    const booked = await referred(serviceId, { referredAt: '2026-02-21T10:00:00Z', given: 'Bo' });
    await deliveredToInreach(
      api,
      anAppointmentBookedEvent(
        aBooking({
          orgId: riverside,
          clientId: booked.client.clientId,
          sessionId: march18!.id,
          startsAt: march18!.startsAt,
          endsAt: new Date(Date.parse(march18!.startsAt) + 20 * 60_000).toISOString(),
        }),
      ),
    );
    const unknown = aClientSnapshot();
    await deliveredToInreach(
      api,
      anInreachReferralCreatedEvent(
        anInreachReferral({ orgId: riverside, clientId: unknown.clientId, serviceId }),
        '2026-02-22T10:00:00Z',
      ),
    );
    const free = await referred(serviceId, { referredAt: '2026-02-23T10:00:00Z', given: 'Wes' });

    const list = await api.call<WaitingListView>(
      coordinator,
      'GET',
      `/inreach/services/${serviceId}/waiting-list`,
    );
    expect(list.status).toBe(200);
    // 11 March: two seats, one asked of booking for Liv, one free.
    expect(list.body.rankedFor).toEqual({
      sessionId: march11!.id,
      startsAt: march11!.startsAt,
      freeSeats: 1,
    });
    const why = Object.fromEntries(
      list.body.items.map((i) => [i.clientId, [i.offerable, i.notOfferableBecause]]),
    );
    expect(why).toEqual({
      [declined.client.clientId]: [false, 'offered_this_session'],
      [offered.client.clientId]: [false, 'live_offer'],
      [booked.client.clientId]: [false, 'in_a_coming_session'],
      [unknown.clientId]: [false, 'client_unknown'],
      [free.client.clientId]: [true, null],
    });

    // The job agrees: 11 March's free seat goes to Wes, though Dee and Bo rank higher.
    await run();
    const offers = await offersOf(api.dataSource, serviceId);
    expect(offers.filter((o) => o.status === 'requested').map((o) => [o.client_id, o.session_id])).toEqual(
      expect.arrayContaining([[free.client.clientId, march11!.id]]),
    );
    expect(offers.filter((o) => o.client_id === booked.client.clientId)).toEqual([]);
    expect(offers.filter((o) => o.client_id === unknown.clientId)).toEqual([]);
  });
});
