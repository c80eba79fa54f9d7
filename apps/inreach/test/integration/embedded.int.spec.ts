import { ManualClock } from '@careloop/time';
import { useCoordinatorAtASite } from '../support/coordinator-at-a-site';
import { aWeeklySeriesBody } from '../support/inreach-fixtures';

/**
 * The zero-setup start runs in-reach on embedded PGlite: its migration (btree_gist and the exclusion
 * constraint) applies there too, and a room still holds one session at a time.
 */
describe('in-reach on embedded PGlite', () => {
  const clinic = useCoordinatorAtASite({ clock: new ManualClock('2026-03-02T08:00:00Z') });
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
});
