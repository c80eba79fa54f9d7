import { randomUUID } from 'node:crypto';
import { Outbox } from '@careloop/messaging';
import { ManualClock } from '@careloop/time';
import { makeSessions } from '../../src/series/make-sessions';
import { SessionSeries } from '../../src/series/session-series.entity';
import { useCoordinatorAtASite } from '../support/coordinator-at-a-site';
import { aCoordinator, aServiceBody, aWeeklySeriesBody } from '../support/inreach-fixtures';

const NOW = '2026-03-02T08:00:00Z';

/** One room, one session at a time: two coordinators at once, and the database below them. */
describe('a room holds one session at a time', () => {
  const clock = new ManualClock(NOW);
  const clinic = useCoordinatorAtASite({ database: 'inreach_room_clash', clock });
  const { api, orgId: riverside, coordinator: priya } = clinic;
  const sam = aCoordinator(riverside, { name: 'Sam Okafor' });
  let siteId: string;

  beforeAll(() => {
    siteId = clinic.siteId;
  });

  async function aRoomAndTwoServices() {
    const tag = randomUUID().slice(0, 8);
    const room = await api.call(priya, 'POST', '/inreach/rooms', { siteId, name: `Room ${tag}` });
    const hepC = await api.call(
      priya,
      'POST',
      '/inreach/services',
      aServiceBody(siteId, { name: `Hep C ${tag}` }),
    );
    const copd = await api.call(
      sam,
      'POST',
      '/inreach/services',
      aServiceBody(siteId, { name: `COPD ${tag}`, serviceType: 'respiratory' }),
    );
    return { roomId: room.body['id'] as string, services: [hepC.body['id'], copd.body['id']] as string[] };
  }

  const liveSessionsIn = async (roomId: string) =>
    (
      (await api.dataSource.query(
        `SELECT service_id FROM inreach.session WHERE room_id = $1 AND status <> 'cancelled'`,
        [roomId],
      )) as { service_id: string }[]
    ).map((r) => r.service_id);

  it('of two coordinators creating overlapping series in one room at once, one wins and the other gets 409', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { roomId, services } = await aRoomAndTwoServices();
      const [first, second] = await Promise.all([
        api.call(priya, 'POST', `/inreach/services/${services[0]}/series`, aWeeklySeriesBody(roomId)),
        api.call(
          sam,
          'POST',
          `/inreach/services/${services[1]}/series`,
          aWeeklySeriesBody(roomId, { startTime: '11:00', endTime: '12:00', slotMinutes: 30 }),
        ),
      ]);
      const answers = [first, second];
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      const loser = answers.find((a) => a.status === 409)!;
      expect(loser.body).toMatchObject({ code: 'ROOM_TAKEN' });
      expect((loser.body['clashingDates'] as string[]).slice(0, 2)).toEqual(['2026-03-04', '2026-03-11']);
      const winner = services[answers.indexOf(answers.find((a) => a.status === 201)!)];
      expect(await liveSessionsIn(roomId)).toEqual(Array(12).fill(winner));
    }
  });

  it('is guaranteed by the database: an overlapping live session is refused, a cancelled one leaves its time free', async () => {
    const { roomId, services } = await aRoomAndTwoServices();
    const insert = (status: string, startsAt: string, endsAt: string) =>
      api.dataSource.query(
        `INSERT INTO inreach.session (id, service_id, room_id, session_date, starts_at, ends_at, slot_minutes,
           seats_per_slot, walk_in_allowance, status, cancelled_because, cancelled_at, created_at)
         VALUES ($1, $2, $3, '2026-06-03', $4, $5, 20, 1, 0, $6, $7, $8, now())`,
        [
          randomUUID(),
          services[0],
          roomId,
          startsAt,
          endsAt,
          status,
          status === 'cancelled' ? 'cancelled' : null,
          status === 'cancelled' ? new Date() : null,
        ],
      );
    await insert('published', '2026-06-03T09:00:00Z', '2026-06-03T12:00:00Z');
    await expect(insert('planned', '2026-06-03T11:59:00Z', '2026-06-03T13:00:00Z')).rejects.toMatchObject({
      driverError: { code: '23P01', constraint: 'session_room_free' },
    });
    await insert('planned', '2026-06-03T12:00:00Z', '2026-06-03T13:00:00Z'); // touching is fine
    await insert('cancelled', '2026-06-03T09:00:00Z', '2026-06-03T12:00:00Z'); // a cancelled one takes nothing
    expect(await liveSessionsIn(roomId)).toHaveLength(2);
  });

  it('answers the database’s refusal as ROOM_TAKEN when sessions are made past the checks, saving nothing', async () => {
    const { roomId, services } = await aRoomAndTwoServices();
    await api.call(priya, 'POST', `/inreach/services/${services[0]}/series`, aWeeklySeriesBody(roomId));
    const otherRoom = await api.call(sam, 'POST', '/inreach/rooms', { siteId, name: `Room ${randomUUID()}` });
    const summer = await api.call(
      sam,
      'POST',
      `/inreach/services/${services[1]}/series`,
      aWeeklySeriesBody(otherRoom.body['id'] as string, { validFrom: '2026-06-01' }),
    );
    const summerId = (summer.body['series'] as { id: string }).id;
    const outbox = api.running.app.get(Outbox, { strict: false });
    const before = await liveSessionsIn(roomId);
    const made = api.dataSource.transaction(async (manager) => {
      const series = await manager.findOneByOrFail(SessionSeries, { id: summerId });
      // A session in the first room at 12:00-14:00 on 4 March, as if no check had looked.
      return makeSessions(
        manager,
        outbox,
        { ...series, roomId },
        [
          {
            date: '2026-03-04',
            startsAt: new Date('2026-03-04T12:00:00Z'),
            endsAt: new Date('2026-03-04T14:00:00Z'),
          },
        ],
        { actor: { kind: 'user', id: sam.userId }, now: clock.now() },
      );
    });
    await expect(made).rejects.toMatchObject({ code: 'ROOM_TAKEN', status: 409 });
    expect(await liveSessionsIn(roomId)).toEqual(before);
  });
});
