import { ManualClock } from '@careloop/time';
import type { SessionView } from '../../src/session/session.dto';
import { useCoordinatorAtASite } from '../support/coordinator-at-a-site';
import { eventsInOutbox } from '../support/events-in-outbox';
import {
  aCdasOrgId,
  aCoordinator,
  aKnownSite,
  aServiceBody,
  aWeeklySeriesBody,
} from '../support/inreach-fixtures';

/** Monday 2 March 2026, 08:00 London (GMT): the horizon (12 weeks) reaches Monday 25 May. */
const NOW = '2026-03-02T08:00:00Z';
const PUBLISHED = 'inreach.session-published.v1';
const WITHDRAWN = 'inreach.session-withdrawn.v1';

/**
 * Session series over HTTP on the real Postgres: sessions made up to the horizon in London time,
 * clashes in a room, exceptions, edits from a date, and publication with its events in the outbox.
 */
describe('in-reach session series over HTTP', () => {
  const clock = new ManualClock(NOW);
  const clinic = useCoordinatorAtASite({ database: 'inreach_series', clock, siteName: 'High Street hub' });
  const { api, orgId: riverside, coordinator, aServiceWithRoom, aSeries } = clinic;
  let siteId: string;

  beforeAll(() => {
    siteId = clinic.siteId;
  });

  const sessionsOf = async (serviceId: string, from = '2026-03-01', to = '2026-05-31') => {
    const answer = await api.call<SessionView[]>(
      coordinator,
      'GET',
      `/inreach/sessions?serviceId=${serviceId}&from=${from}&to=${to}`,
    );
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const live = (sessions: SessionView[]) => sessions.filter((s) => s.status !== 'cancelled');
  const outbox = (type: string, key?: string) => eventsInOutbox(api.dataSource, { type, key });
  const outboxOf = async (type: string, sessions: readonly { id: string }[]) =>
    (await Promise.all(sessions.map((s) => outbox(type, s.id)))).flat();

  it('makes a weekly Wednesday 10:00-13:00 up to the horizon, at 10:00 London either side of the clock change', async () => {
    const { serviceId, created } = await aSeries();
    expect(created.body).toMatchObject({
      sessionsMade: 12,
      series: {
        rrule: 'FREQ=WEEKLY;BYDAY=WE',
        startTime: '10:00',
        endTime: '13:00',
        bookableSlotsPerSession: 9,
        walkInAllowance: 2,
        seatsPerSlot: 1,
        published: false,
        materialisedUntil: '2026-05-25',
        version: 1,
        exceptions: [],
      },
    });
    const sessions = await sessionsOf(serviceId, '2026-03-16', '2026-04-08');
    expect(sessions.map((s) => [s.date, s.startsAt, s.endsAt, s.status])).toEqual([
      ['2026-03-18', '2026-03-18T10:00:00.000Z', '2026-03-18T13:00:00.000Z', 'planned'],
      ['2026-03-25', '2026-03-25T10:00:00.000Z', '2026-03-25T13:00:00.000Z', 'planned'],
      ['2026-04-01', '2026-04-01T09:00:00.000Z', '2026-04-01T12:00:00.000Z', 'planned'],
      ['2026-04-08', '2026-04-08T09:00:00.000Z', '2026-04-08T12:00:00.000Z', 'planned'],
    ]);
    expect(sessions[0]).toMatchObject({ slotMinutes: 20, bookableSlots: 9, walkInAllowance: 2 });
    // Planned sessions are in-reach's alone: nothing is announced.
    expect(await outboxOf(PUBLISHED, sessions)).toEqual([]);
    const detail = await api.call(coordinator, 'GET', `/inreach/services/${serviceId}`);
    expect(detail.body['series']).toEqual([
      expect.objectContaining({ rrule: 'FREQ=WEEKLY;BYDAY=WE', published: false }),
    ]);
  });

  it('drops the last, shorter part of a session whose slot length does not divide it, as booking cuts it', async () => {
    const { serviceId, created } = await aSeries({ endTime: '12:50' });
    expect(created.body['series']).toMatchObject({ bookableSlotsPerSession: 8 });
    expect((await sessionsOf(serviceId, '2026-03-04', '2026-03-04'))[0]).toMatchObject({ bookableSlots: 8 });
  });

  it('answers a bad series with 400 naming each field, an unknown rule part by name', async () => {
    const { serviceId, roomId } = await aServiceWithRoom();
    const answer = await api.call(
      coordinator,
      'POST',
      `/inreach/services/${serviceId}/series`,
      aWeeklySeriesBody(roomId, {
        rrule: 'FREQ=MONTHLY;BYMONTHDAY=1',
        startTime: '13:00',
        endTime: '10:00',
        seatsPerSlot: 51,
      }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body['errors']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'rrule',
          message: expect.stringContaining('BYMONTHDAY is not supported'),
        }),
        expect.objectContaining({
          path: 'endTime',
          message: expect.stringContaining('must be after startTime'),
        }),
        expect.objectContaining({ path: 'seatsPerSlot' }),
      ]),
    );
    const tooLong = await api.call(
      coordinator,
      'POST',
      `/inreach/services/${serviceId}/series`,
      aWeeklySeriesBody(roomId, { endTime: '10:15' }),
    );
    expect(tooLong.body['errors']).toEqual([expect.objectContaining({ path: 'slotMinutes' })]);
  });

  it('refuses a room at another site, another organisation’s service, and a series already over', async () => {
    const { serviceId } = await aServiceWithRoom();
    const otherSite = await aKnownSite(api.dataSource, { orgId: riverside });
    const roomElsewhere = await api.call(coordinator, 'POST', '/inreach/rooms', {
      siteId: otherSite.siteId,
      name: 'Room 1',
    });
    const elsewhere = await api.call(
      coordinator,
      'POST',
      `/inreach/services/${serviceId}/series`,
      aWeeklySeriesBody(roomElsewhere.body['id'] as string),
    );
    expect(elsewhere).toMatchObject({
      status: 422,
      body: { code: 'ROOM_NOT_AT_SITE', errors: [{ path: 'roomId' }] },
    });

    const { roomId } = await aServiceWithRoom();
    const stranger = aCoordinator(aCdasOrgId());
    const foreign = await api.call(
      stranger,
      'POST',
      `/inreach/services/${serviceId}/series`,
      aWeeklySeriesBody(roomId),
    );
    expect(foreign).toMatchObject({ status: 404, body: { code: 'SERVICE_NOT_FOUND' } });

    const over = await api.call(
      coordinator,
      'POST',
      `/inreach/services/${serviceId}/series`,
      aWeeklySeriesBody(roomId, { validFrom: '2026-01-01', validUntil: '2026-02-28' }),
    );
    expect(over).toMatchObject({ status: 422, body: { code: 'SERIES_ALREADY_OVER' } });
    expect((await sessionsOf(serviceId)).length).toBe(0);
  });

  it('refuses a series that would share its room with another, listing the dates, and saves nothing', async () => {
    const { roomId, serviceId } = await aSeries();
    const second = await api.call(
      coordinator,
      'POST',
      '/inreach/services',
      aServiceBody(siteId, { name: 'Respiratory review' }),
    );
    const secondServiceId = second.body['id'] as string;
    const clash = await api.call(
      coordinator,
      'POST',
      `/inreach/services/${secondServiceId}/series`,
      aWeeklySeriesBody(roomId, {
        rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE',
        startTime: '12:00',
        endTime: '14:00',
        validUntil: '2026-04-30',
      }),
    );
    expect(clash).toMatchObject({
      status: 409,
      body: {
        code: 'ROOM_TAKEN',
        clashingDates: ['2026-03-04', '2026-03-18', '2026-04-01', '2026-04-15', '2026-04-29'],
      },
    });
    expect(clash.body['detail']).toBe(
      'The room is taken on 2026-03-04, 2026-03-18, 2026-04-01, 2026-04-15, 2026-04-29',
    );
    expect(
      (await api.call(coordinator, 'GET', `/inreach/services/${secondServiceId}`)).body['series'],
    ).toEqual([]);
    expect(await sessionsOf(secondServiceId)).toEqual([]);

    // Touching is not sharing: 13:00-15:00 follows 10:00-13:00 in the same room.
    const after = await api.call(
      coordinator,
      'POST',
      `/inreach/services/${secondServiceId}/series`,
      aWeeklySeriesBody(roomId, { startTime: '13:00', endTime: '15:00' }),
    );
    expect(after).toMatchObject({ status: 201, body: { sessionsMade: 12 } });
    expect(live(await sessionsOf(serviceId)).length).toBe(12);
  });

  it('sees the sessions another series will make beyond the horizon: a clash in July is refused in March', async () => {
    const { roomId } = await aSeries({ validFrom: '2026-07-01' });
    const { serviceId } = await aServiceWithRoom();
    const clash = await api.call(
      coordinator,
      'POST',
      `/inreach/services/${serviceId}/series`,
      aWeeklySeriesBody(roomId, {
        rrule: 'FREQ=WEEKLY;BYDAY=WE',
        startTime: '11:00',
        endTime: '12:00',
        validUntil: '2026-07-15',
      }),
    );
    expect(clash).toMatchObject({
      status: 409,
      body: { code: 'ROOM_TAKEN', clashingDates: ['2026-07-01', '2026-07-08', '2026-07-15'] },
    });
  });

  it('publishes a series: every planned future session is announced to booking once, with what booking needs', async () => {
    const { seriesId, serviceId, roomId } = await aSeries();
    const published = await api.call(coordinator, 'POST', `/inreach/series/${seriesId}/publish`);
    expect(published).toMatchObject({
      status: 200,
      body: { sessionsPublished: 12, series: { published: true, version: 2 } },
    });
    const sessions = await sessionsOf(serviceId);
    expect(
      sessions.every((s) => s.status === 'published' && s.publishedAt === NOW.replace('Z', '.000Z')),
    ).toBe(true);

    const events = await outboxOf(PUBLISHED, sessions);
    expect(events).toHaveLength(12);
    const room = (
      await api.call<{ id: string; name: string }[]>(coordinator, 'GET', `/inreach/rooms?siteId=${siteId}`)
    ).body.find((r) => r.id === roomId)!;
    expect(events[0]).toMatchObject({
      orgId: riverside,
      subjectId: sessions[0]!.id,
      actor: { kind: 'user', id: coordinator.userId },
      data: {
        sessionId: sessions[0]!.id,
        seriesId,
        serviceId,
        serviceType: 'hepatitis_c',
        providerName: 'St Elsewhere Hepatology',
        hostOrgId: riverside,
        siteId,
        roomName: room.name,
        startsAt: '2026-03-04T10:00:00.000Z',
        endsAt: '2026-03-04T13:00:00.000Z',
        slotMinutes: 20,
        seatsPerSlot: 1,
        walkInAllowance: 2,
      },
    });

    // Publishing again announces nothing twice.
    const again = await api.call(coordinator, 'POST', `/inreach/series/${seriesId}/publish`);
    expect(again.body).toMatchObject({ sessionsPublished: 0 });
    expect(await outboxOf(PUBLISHED, sessions)).toHaveLength(12);
  });

  it('an exception cancels the session that day and withdraws it from booking; the date is refused twice and must be a session date', async () => {
    const { seriesId, serviceId } = await aSeries();
    await api.call(coordinator, 'POST', `/inreach/series/${seriesId}/publish`);
    const exception = await api.call(coordinator, 'POST', `/inreach/series/${seriesId}/exceptions`, {
      date: '2026-04-01',
      reason: 'Specialist on leave',
    });
    expect(exception).toMatchObject({
      status: 201,
      body: {
        exception: { date: '2026-04-01', reason: 'Specialist on leave' },
        cancelledSessions: [
          {
            date: '2026-04-01',
            status: 'cancelled',
            cancelledBecause: 'exception',
            cancelReason: 'Specialist on leave',
          },
        ],
      },
    });
    const cancelledId = (exception.body['cancelledSessions'] as SessionView[])[0]!.id;
    expect((await outbox(WITHDRAWN, cancelledId)).map((e) => e.data)).toEqual([
      {
        sessionId: cancelledId,
        hostOrgId: riverside,
        reason: 'cancelled',
        note: 'Specialist on leave',
        withdrawnAt: '2026-03-02T08:00:00.000Z',
      },
    ]);
    expect(live(await sessionsOf(serviceId)).map((s) => s.date)).not.toContain('2026-04-01');
    expect((await api.call(coordinator, 'GET', `/inreach/series/${seriesId}`)).body['exceptions']).toEqual([
      expect.objectContaining({ date: '2026-04-01', reason: 'Specialist on leave' }),
    ]);

    const twice = await api.call(coordinator, 'POST', `/inreach/series/${seriesId}/exceptions`, {
      date: '2026-04-01',
      reason: 'Bank holiday',
    });
    expect(twice).toMatchObject({ status: 409, body: { code: 'EXCEPTION_DATE_TAKEN' } });
    const tuesday = await api.call(coordinator, 'POST', `/inreach/series/${seriesId}/exceptions`, {
      date: '2026-04-07',
      reason: 'Bank holiday',
    });
    expect(tuesday).toMatchObject({
      status: 422,
      body: { code: 'NOT_A_SESSION_DATE', errors: [{ path: 'date' }] },
    });
    const past = await api.call(coordinator, 'POST', `/inreach/series/${seriesId}/exceptions`, {
      date: '2026-02-25',
      reason: 'Bank holiday',
    });
    expect(past).toMatchObject({ status: 422, body: { code: 'EXCEPTION_IN_THE_PAST' } });
    expect(await outbox(WITHDRAWN, cancelledId)).toHaveLength(1);
  });

  it('an edit from a date remakes the planned sessions from then on and leaves the earlier ones', async () => {
    const { seriesId, serviceId } = await aSeries();
    const edited = await api.call(coordinator, 'PATCH', `/inreach/series/${seriesId}`, {
      startTime: '14:00',
      endTime: '17:00',
      effectiveFrom: '2026-04-01',
      version: 1,
    });
    expect(edited).toMatchObject({
      status: 200,
      body: {
        sessionsKept: 0,
        sessionsRemoved: 8,
        sessionsMade: 8,
        withdrawn: [],
        series: { startTime: '14:00', endTime: '17:00', version: 2 },
      },
    });
    const times = live(await sessionsOf(serviceId, '2026-03-25', '2026-04-08')).map((s) => [
      s.date,
      s.startsAt,
    ]);
    expect(times).toEqual([
      ['2026-03-25', '2026-03-25T10:00:00.000Z'],
      ['2026-04-01', '2026-04-01T13:00:00.000Z'],
      ['2026-04-08', '2026-04-08T13:00:00.000Z'],
    ]);
    const stale = await api.call(coordinator, 'PATCH', `/inreach/series/${seriesId}`, {
      seatsPerSlot: 2,
      version: 1,
    });
    expect(stale).toMatchObject({ status: 409, body: { code: 'SERIES_VERSION_CHANGED' } });
    const nothing = await api.call(coordinator, 'PATCH', `/inreach/series/${seriesId}`, {
      effectiveFrom: '2026-04-01',
    });
    expect(nothing).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ message: 'name at least one setting to change' })] },
    });
    const inconsistent = await api.call(coordinator, 'PATCH', `/inreach/series/${seriesId}`, {
      endTime: '13:00',
    });
    expect(inconsistent).toMatchObject({
      status: 422,
      body: { code: 'INCONSISTENT_SETTINGS', errors: [{ path: 'endTime' }] },
    });
    const yesterday = await api.call(coordinator, 'PATCH', `/inreach/series/${seriesId}`, {
      seatsPerSlot: 2,
      effectiveFrom: '2026-03-01',
    });
    expect(yesterday).toMatchObject({
      status: 422,
      body: { code: 'EFFECTIVE_FROM_OUT_OF_RANGE', errors: [{ path: 'effectiveFrom' }] },
    });
  });

  it('refuses an edit that would change published sessions, naming them, unless told to withdraw them', async () => {
    const { seriesId, serviceId } = await aSeries();
    await api.call(coordinator, 'POST', `/inreach/series/${seriesId}/publish`);
    await api.call(coordinator, 'POST', `/inreach/series/${seriesId}/exceptions`, {
      date: '2026-05-06',
      reason: 'Bank holiday',
    });
    const before = await sessionsOf(serviceId);
    const eventCount = async () =>
      (await outboxOf(PUBLISHED, before)).length + (await outboxOf(WITHDRAWN, before)).length;
    expect(await eventCount()).toBe(13); // 12 published, the exception's day withdrawn

    const refused = await api.call(coordinator, 'PATCH', `/inreach/series/${seriesId}`, {
      seatsPerSlot: 2,
      validUntil: '2026-05-13',
      effectiveFrom: '2026-04-29',
    });
    expect(refused).toMatchObject({
      status: 409,
      body: {
        code: 'PUBLISHED_SESSIONS_AFFECTED',
        sessions: [
          { date: '2026-04-29', startsAt: '2026-04-29T09:00:00.000Z', change: 'changed' },
          { date: '2026-05-13', startsAt: '2026-05-13T09:00:00.000Z', change: 'changed' },
          { date: '2026-05-20', startsAt: '2026-05-20T09:00:00.000Z', change: 'removed' },
        ],
      },
    });
    expect(await sessionsOf(serviceId)).toEqual(before);
    expect(await eventCount()).toBe(13);
    expect((await api.call(coordinator, 'GET', `/inreach/series/${seriesId}`)).body).toMatchObject({
      version: 2,
      seatsPerSlot: 1,
    });

    const withdrawing = await api.call(coordinator, 'PATCH', `/inreach/series/${seriesId}`, {
      seatsPerSlot: 2,
      validUntil: '2026-05-13',
      effectiveFrom: '2026-04-29',
      withdrawPublished: true,
    });
    expect(withdrawing).toMatchObject({
      status: 200,
      body: { sessionsKept: 0, sessionsMade: 2, series: { seatsPerSlot: 2, version: 3 } },
    });
    const withdrawnIds = (withdrawing.body['withdrawn'] as { sessionId: string }[]).map((w) => w.sessionId);
    const withdrawals = (await Promise.all(withdrawnIds.map((id) => outbox(WITHDRAWN, id)))).flat();
    expect(withdrawals.map((e) => e.data)).toEqual(
      withdrawnIds.map((sessionId) => expect.objectContaining({ sessionId, reason: 'series_changed' })),
    );

    const after = live(await sessionsOf(serviceId, '2026-04-22', '2026-05-31'));
    // The exception's date stays empty; the replacements are published (the series is) with two seats.
    expect(after.map((s) => [s.date, s.seatsPerSlot, s.status])).toEqual([
      ['2026-04-22', 1, 'published'],
      ['2026-04-29', 2, 'published'],
      ['2026-05-13', 2, 'published'],
    ]);
    const republished = await outboxOf(PUBLISHED, after.slice(1));
    expect(republished.map((e) => [e.data['startsAt'], e.data['seatsPerSlot']])).toEqual([
      ['2026-04-29T09:00:00.000Z', 2],
      ['2026-05-13T09:00:00.000Z', 2],
    ]);
  });

  it('changes the walk-in allowance of published sessions in place: nothing to withdraw, nothing sent', async () => {
    const { seriesId, serviceId } = await aSeries();
    await api.call(coordinator, 'POST', `/inreach/series/${seriesId}/publish`);
    const sessions = await sessionsOf(serviceId);
    const edited = await api.call(coordinator, 'PATCH', `/inreach/series/${seriesId}`, {
      walkInAllowance: 4,
    });
    expect(edited).toMatchObject({ status: 200, body: { sessionsKept: 12, sessionsMade: 0, withdrawn: [] } });
    expect((await sessionsOf(serviceId)).map((s) => [s.id, s.walkInAllowance, s.status])).toEqual(
      sessions.map((s) => [s.id, 4, 'published']),
    );
    expect(await outboxOf(WITHDRAWN, sessions)).toEqual([]);
    expect(await outboxOf(PUBLISHED, sessions)).toHaveLength(12);
  });

  it('never changes a session that has started, nor makes a second one that day', async () => {
    const { seriesId, serviceId } = await aSeries();
    clock.set('2026-03-04T10:30:00Z'); // the first session is under way
    try {
      const edited = await api.call(coordinator, 'PATCH', `/inreach/series/${seriesId}`, {
        startTime: '11:00',
      });
      // 11 remade, and 27 May now that the horizon has moved on two days.
      expect(edited).toMatchObject({ status: 200, body: { sessionsRemoved: 11, sessionsMade: 12 } });
      const day = live(await sessionsOf(serviceId, '2026-03-04', '2026-03-11'));
      expect(day.map((s) => [s.date, s.startsAt])).toEqual([
        ['2026-03-04', '2026-03-04T10:00:00.000Z'],
        ['2026-03-11', '2026-03-11T11:00:00.000Z'],
      ]);
    } finally {
      clock.set(NOW);
    }
  });

  it('answers every route of another organisation’s series with 404 and changes nothing', async () => {
    const { seriesId, serviceId } = await aSeries();
    const stranger = aCoordinator(aCdasOrgId());
    const attempts = [
      await api.call(stranger, 'GET', `/inreach/series/${seriesId}`),
      await api.call(stranger, 'PATCH', `/inreach/series/${seriesId}`, { seatsPerSlot: 3 }),
      await api.call(stranger, 'POST', `/inreach/series/${seriesId}/publish`),
      await api.call(stranger, 'POST', `/inreach/series/${seriesId}/exceptions`, {
        date: '2026-03-04',
        reason: 'Mine now',
      }),
    ];
    expect(attempts.map((a) => [a.status, a.body['code']])).toEqual(Array(4).fill([404, 'SERIES_NOT_FOUND']));
    expect((await sessionsOf(serviceId)).every((s) => s.status === 'planned' && s.seatsPerSlot === 1)).toBe(
      true,
    );
    expect((await api.call(coordinator, 'GET', `/inreach/series/${seriesId}`)).body).toMatchObject({
      version: 1,
      exceptions: [],
    });
  });

  it('limits a list of sessions to 92 days, naming to', async () => {
    const answer = await api.call(coordinator, 'GET', '/inreach/sessions?from=2026-03-01&to=2026-06-01');
    expect(answer).toMatchObject({ status: 400, body: { errors: [{ path: 'to', in: 'query' }] } });
    const backwards = await api.call(coordinator, 'GET', '/inreach/sessions?from=2026-03-02&to=2026-03-01');
    expect(backwards).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'to', message: 'must be on or after from' }] },
    });
  });
});
