import { randomUUID } from 'node:crypto';
import { Outbox } from '@careloop/messaging';
import { createLogger, memoryDestination } from '@careloop/observability';
import { ManualClock } from '@careloop/time';
import { DEFAULT_INREACH_POLICY } from '../../src/inreach-policy';
import { ExtendSeriesHorizon } from '../../src/series/extend-series-horizon';
import { useCoordinatorAtASite } from '../support/coordinator-at-a-site';
import { eventsInOutbox } from '../support/events-in-outbox';

const DAY = 86_400_000;

/**
 * The horizon job's work on the real Postgres, with time moved by hand: series keep reaching twelve
 * weeks ahead, published ones publish what they make, nothing is made twice, and a date whose room is
 * taken is skipped and logged. The tests run in order, each a week or so after the one before.
 */
describe('the horizon job keeps series reaching twelve weeks ahead', () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  const clinic = useCoordinatorAtASite({ database: 'inreach_horizon', clock });
  const { api, orgId: riverside, coordinator, aSeries } = clinic;
  const logs = memoryDestination();
  let horizon: ExtendSeriesHorizon;

  beforeAll(() => {
    horizon = new ExtendSeriesHorizon(
      api.dataSource,
      api.running.app.get(Outbox, { strict: false }),
      DEFAULT_INREACH_POLICY,
      createLogger({ service: 'inreach', level: 'warn', destination: logs }),
    );
  });

  const datesOf = async (seriesId: string) =>
    (
      (await api.dataSource.query(
        `SELECT session_date::text AS date, status FROM inreach.session WHERE series_id = $1 AND status <> 'cancelled'
          ORDER BY starts_at`,
        [seriesId],
      )) as { date: string; status: string }[]
    ).map((r) => `${r.date} ${r.status}`);
  const materialisedUntil = async (seriesId: string) =>
    (
      (await api.dataSource.query(
        `SELECT materialised_until::text AS until FROM inreach.session_series WHERE id = $1`,
        [seriesId],
      )) as { until: string | null }[]
    )[0]!.until;

  let weekly: { seriesId: string };
  let published: { seriesId: string };
  let summer: { seriesId: string };

  it('made twelve weeks at creation; a week later the run makes the next week, and a second run nothing', async () => {
    weekly = await aSeries();
    published = await aSeries({ startTime: '14:00', endTime: '16:00' });
    await api.call(coordinator, 'POST', `/inreach/series/${published.seriesId}/publish`);
    summer = await aSeries({ validFrom: '2026-06-15', rrule: 'FREQ=WEEKLY;BYDAY=MO' });
    expect(await datesOf(weekly.seriesId)).toHaveLength(12);
    expect(await materialisedUntil(weekly.seriesId)).toBe('2026-05-25');
    expect(await datesOf(summer.seriesId)).toEqual([]);

    expect(await horizon.run(clock.now())).toBe(0); // nothing due the same day

    clock.advance(7 * DAY); // Monday 9 March: the horizon reaches 1 June
    await horizon.run(clock.now());
    expect((await datesOf(weekly.seriesId)).slice(-2)).toEqual(['2026-05-20 planned', '2026-05-27 planned']);
    expect(await materialisedUntil(weekly.seriesId)).toBe('2026-06-01');
    expect(await horizon.run(clock.now())).toBe(0);
  });

  it('publishes what it makes for a published series, as the horizon job (system actor)', async () => {
    const dates = await datesOf(published.seriesId);
    expect(dates.at(-1)).toBe('2026-05-27 published');
    const [newest] = (await api.dataSource.query(
      `SELECT id FROM inreach.session WHERE series_id = $1 AND session_date = '2026-05-27'`,
      [published.seriesId],
    )) as { id: string }[];
    const events = await eventsInOutbox(api.dataSource, {
      key: newest!.id,
      type: 'inreach.session-published.v1',
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: { kind: 'system', id: 'system:inreach-horizon' },
      orgId: riverside,
      data: { startsAt: '2026-05-27T13:00:00.000Z', endsAt: '2026-05-27T15:00:00.000Z' },
    });
  });

  it('makes nothing twice when two processes run at once', async () => {
    clock.advance(14 * DAY); // Monday 23 March: the horizon reaches 15 June
    const runs = await Promise.all([horizon.run(clock.now()), horizon.run(clock.now())]);
    // Two Wednesdays for each weekly series, and the first Monday of the summer series.
    expect(runs[0]! + runs[1]!).toBe(5);
    expect((await datesOf(weekly.seriesId)).slice(-2)).toEqual(['2026-06-03 planned', '2026-06-10 planned']);
    expect(await datesOf(summer.seriesId)).toEqual(['2026-06-15 planned']);
  });

  it('skips an exception’s date beyond the horizon, and a date whose room was taken first, logging it', async () => {
    const exception = await api.call(coordinator, 'POST', `/inreach/series/${weekly.seriesId}/exceptions`, {
      date: '2026-06-17',
      reason: 'Bank holiday',
    });
    expect(exception).toMatchObject({ status: 201, body: { cancelledSessions: [] } });
    const { roomId } = (
      (await api.dataSource.query(`SELECT room_id AS "roomId" FROM inreach.session_series WHERE id = $1`, [
        weekly.seriesId,
      ])) as { roomId: string }[]
    )[0]!;
    // Something else holds the room on 24 June (a session the year-ahead check could not foresee).
    const { serviceId } = (
      (await api.dataSource.query(
        `SELECT service_id AS "serviceId" FROM inreach.session_series WHERE id = $1`,
        [summer.seriesId],
      )) as { serviceId: string }[]
    )[0]!;
    await api.dataSource.query(
      `INSERT INTO inreach.session (id, service_id, room_id, session_date, starts_at, ends_at, slot_minutes,
         seats_per_slot, walk_in_allowance, status, created_at)
       VALUES ($1, $2, $3, '2026-06-24', '2026-06-24T08:30:00Z', '2026-06-24T09:30:00Z', 30, 1, 0, 'planned', now())`,
      [randomUUID(), serviceId, roomId],
    );

    clock.advance(21 * DAY); // Monday 13 April: the horizon reaches 6 July
    await horizon.run(clock.now());
    // 17 June is the exception, 24 June the taken room: the next session is 1 July.
    expect((await datesOf(weekly.seriesId)).slice(-3)).toEqual([
      '2026-06-03 planned',
      '2026-06-10 planned',
      '2026-07-01 planned',
    ]);
    expect(await materialisedUntil(weekly.seriesId)).toBe('2026-07-06');
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        seriesId: weekly.seriesId,
        dates: ['2026-06-24'],
        msg: 'in-reach series dates skipped: the room is taken by another session',
      }),
    );
  });
});
