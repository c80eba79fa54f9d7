import { ManualClock } from '@careloop/time';
import { aClinicWithSessions, published } from '../support/clinic-day';
import { useCoordinatorAtASite } from '../support/coordinator-at-a-site';
import { aClientEvent, aClientSnapshot, deliveredToInreach } from '../support/day-sheet-events';
import { aWeeklySeriesBody } from '../support/inreach-fixtures';
import { aReferredClient, matcherOf, OFFER_MODULES, offersOf } from '../support/waiting-clinic';

/**
 * The zero-setup start runs in-reach on embedded PGlite: its migrations (btree_gist and the exclusion
 * constraint) apply there too, a room still holds one session at a time, and the on-the-day and offer
 * SQL runs.
 */
describe('in-reach on embedded PGlite', () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  const clinic = useCoordinatorAtASite({ clock, modules: OFFER_MODULES });
  const { api, coordinator } = clinic;

  it('makes a series’ sessions and refuses a second series in the same room at the same time', async () => {
    const { serviceId, roomId } = await clinic.aServiceWithRoom();
    const path = `/inreach/services/${serviceId}/series`;
    expect(await api.call(coordinator, 'POST', path, aWeeklySeriesBody(roomId))).toMatchObject({
      status: 201,
      body: { sessionsMade: 12 },
    });
    const clash = await api.call(
      coordinator,
      'POST',
      path,
      aWeeklySeriesBody(roomId, { startTime: '12:00', endTime: '14:00' }),
    );
    expect(clash).toMatchObject({ status: 409, body: { code: 'ROOM_TAKEN' } });

    await expect(
      api.dataSource.query(
        `INSERT INTO inreach.session (id, service_id, room_id, session_date, starts_at, ends_at, slot_minutes,
           seats_per_slot, walk_in_allowance, status, created_at)
         VALUES (gen_random_uuid(), $1, $2, '2026-03-04', '2026-03-04T11:00:00Z', '2026-03-04T12:00:00Z', 20, 1, 0,
           'planned', now())`,
        [serviceId, roomId],
      ),
    ).rejects.toMatchObject({ driverError: { code: '23P01' } });
  });

  it('records a walk-in and counts it in the evidence report: its SQL (London dates, seats) runs there too', async () => {
    const hepC = await aClinicWithSessions(clinic);
    const session = await published(clinic, hepC.on('2026-03-04'));
    const client = aClientSnapshot();
    await deliveredToInreach(api, aClientEvent(clinic.orgId, client));
    clock.set('2026-03-04T10:30:00Z');
    const walkIn = await api.call(coordinator, 'POST', `/inreach/sessions/${session.id}/walk-ins`, {
      clientId: client.clientId,
    });
    expect(walkIn.status).toBe(201);

    clock.set('2026-03-05T09:00:00Z');
    const report = await api.call(
      coordinator,
      'GET',
      '/inreach/reports/evidence?from=2026-03-04&to=2026-03-04',
    );
    const services = report.body['services'] as { serviceId: string }[];
    expect(services.find((s) => s.serviceId === hepC.serviceId)).toMatchObject({
      sessionsHeld: 1,
      bookableSeats: 9,
      walkIns: 1,
    });
  });

  it('offers a waiting client a seat and lists it: the offer job’s SQL (locks, arrays) runs there too', async () => {
    const hepC = await aClinicWithSessions(clinic, { series: { startTime: '14:00', endTime: '14:20' } });
    const session = await published(clinic, hepC.on('2026-03-18'));
    const waiting = await aReferredClient(api, clinic.orgId, hepC.serviceId, {
      referredAt: '2026-03-01T10:00:00Z',
      days: ['wed'],
    });
    expect((await matcherOf(api).run(clock.now())).offersMade).toBe(1);
    expect(await offersOf(api.dataSource, hepC.serviceId)).toEqual([
      expect.objectContaining({
        client_id: waiting.client.clientId,
        session_id: session.id,
        status: 'requested',
      }),
    ]);
    const list = await api.call(coordinator, 'GET', `/inreach/services/${hepC.serviceId}/waiting-list`);
    expect(list.body['items']).toEqual([expect.objectContaining({ usualDay: true, position: 1 })]);
    expect((await api.call(coordinator, 'GET', '/inreach/offers')).body['total']).toBe(1);
  });
});
