import { randomUUID } from 'node:crypto';
import { ManualClock } from '@careloop/time';
import type { SessionView } from '../../src/session/session.dto';
import { useCoordinatorAtASite } from '../support/coordinator-at-a-site';
import { eventsInOutbox } from '../support/events-in-outbox';
import { aCdasOrgId, aCoordinator, aDrugWorker } from '../support/inreach-fixtures';

const NOW = '2026-03-02T08:00:00Z';

/** One session at a time over HTTP: publishing it to booking and cancelling it, with their events. */
describe('in-reach sessions over HTTP', () => {
  const clock = new ManualClock(NOW);
  const clinic = useCoordinatorAtASite({ database: 'inreach_sessions', clock });
  const { api, orgId: riverside, coordinator } = clinic;

  /** A service with a weekly series in a room of its own, and its twelve planned sessions. */
  async function aSeriesWithSessions() {
    const { serviceId, seriesId } = await clinic.aSeries();
    const sessions = (
      await api.call<SessionView[]>(
        coordinator,
        'GET',
        `/inreach/sessions?serviceId=${serviceId}&from=2026-03-01&to=2026-05-31`,
      )
    ).body;
    expect(sessions).toHaveLength(12);
    const on = (date: string) => sessions.find((s) => s.date === date)!;
    return { serviceId, seriesId, on };
  }

  const outbox = (type: string, key: string) => eventsInOutbox(api.dataSource, { type, key });

  it('publishes one planned session: booking is told once, a second publish is refused', async () => {
    const { seriesId, serviceId, on } = await aSeriesWithSessions();
    const { id } = on('2026-03-11');
    const published = await api.call(coordinator, 'POST', `/inreach/sessions/${id}/publish`);
    expect(published).toMatchObject({
      status: 200,
      body: { id, status: 'published', publishedAt: '2026-03-02T08:00:00.000Z' },
    });
    const again = await api.call(coordinator, 'POST', `/inreach/sessions/${id}/publish`);
    expect(again).toMatchObject({ status: 409, body: { code: 'SESSION_ALREADY_PUBLISHED' } });
    const events = await outbox('inreach.session-published.v1', id);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({
      sessionId: id,
      seriesId,
      serviceId,
      hostOrgId: riverside,
      startsAt: '2026-03-11T10:00:00.000Z',
    });
  });

  it('cancels a published session with its reason: booking is told to withdraw it, once', async () => {
    const { id } = (await aSeriesWithSessions()).on('2026-03-18');
    await api.call(coordinator, 'POST', `/inreach/sessions/${id}/publish`);
    const cancelled = await api.call(coordinator, 'POST', `/inreach/sessions/${id}/cancel`, {
      reason: 'Specialist off sick',
    });
    expect(cancelled).toMatchObject({
      status: 200,
      body: { id, status: 'cancelled', cancelledBecause: 'cancelled', cancelReason: 'Specialist off sick' },
    });
    const again = await api.call(coordinator, 'POST', `/inreach/sessions/${id}/cancel`, { reason: 'Again' });
    expect(again).toMatchObject({ status: 409, body: { code: 'SESSION_CANCELLED' } });
    const republish = await api.call(coordinator, 'POST', `/inreach/sessions/${id}/publish`);
    expect(republish).toMatchObject({ status: 409, body: { code: 'SESSION_CANCELLED' } });
    expect((await outbox('inreach.session-withdrawn.v1', id)).map((e) => e.data)).toEqual([
      {
        sessionId: id,
        hostOrgId: riverside,
        reason: 'cancelled',
        note: 'Specialist off sick',
        withdrawnAt: '2026-03-02T08:00:00.000Z',
      },
    ]);
  });

  it('cancels a planned session without telling booking, and its series never remakes that date', async () => {
    const { seriesId, serviceId, on } = await aSeriesWithSessions();
    const { id } = on('2026-03-25');
    const cancelled = await api.call(coordinator, 'POST', `/inreach/sessions/${id}/cancel`, {
      reason: 'Room being decorated',
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    expect(await outbox('inreach.session-withdrawn.v1', id)).toEqual([]);

    const edited = await api.call(coordinator, 'PATCH', `/inreach/series/${seriesId}`, {
      startTime: '09:30',
    });
    // Eleven live sessions remade at 09:30; the cancelled date is not among them.
    expect(edited).toMatchObject({ status: 200, body: { sessionsRemoved: 11, sessionsMade: 11 } });
    const that = await api.call<SessionView[]>(
      coordinator,
      'GET',
      `/inreach/sessions?serviceId=${serviceId}&from=2026-03-25&to=2026-03-25`,
    );
    expect(that.body.map((s) => [s.id, s.status])).toEqual([[id, 'cancelled']]);
  });

  it('answers the reason missing with 400, another organisation’s session with 404, and a keyworker with 403', async () => {
    const { serviceId, on } = await aSeriesWithSessions();
    const { id } = on('2026-04-01');
    const noReason = await api.call(coordinator, 'POST', `/inreach/sessions/${id}/cancel`, { reason: ' ' });
    expect(noReason).toMatchObject({ status: 400, body: { errors: [{ path: 'reason', in: 'body' }] } });
    const stranger = aCoordinator(aCdasOrgId());
    for (const action of ['publish', 'cancel']) {
      const answer = await api.call(stranger, 'POST', `/inreach/sessions/${id}/${action}`, {
        reason: 'Mine now',
      });
      expect(answer).toMatchObject({ status: 404, body: { code: 'SESSION_NOT_FOUND' } });
    }
    expect((await api.call(stranger, 'GET', '/inreach/sessions?from=2026-03-01&to=2026-05-31')).body).toEqual(
      [],
    );
    expect((await api.call(coordinator, 'POST', `/inreach/sessions/${randomUUID()}/publish`)).status).toBe(
      404,
    );
    expect((await api.call(aDrugWorker(riverside), 'POST', `/inreach/sessions/${id}/publish`)).status).toBe(
      403,
    );
    expect(
      (
        await api.call(
          aDrugWorker(riverside),
          'GET',
          `/inreach/sessions?serviceId=${serviceId}&from=2026-04-01&to=2026-04-01`,
        )
      ).body,
    ).toEqual([expect.objectContaining({ id, status: 'planned' })]);
  });

  it('refuses to publish or cancel a session that has started: past sessions never change', async () => {
    const { id } = (await aSeriesWithSessions()).on('2026-04-08');
    clock.set('2026-04-08T09:30:00Z'); // 10:30 London: under way
    try {
      for (const action of ['publish', 'cancel']) {
        const answer = await api.call(coordinator, 'POST', `/inreach/sessions/${id}/${action}`, {
          reason: 'Late',
        });
        expect(answer).toMatchObject({ status: 409, body: { code: 'SESSION_STARTED' } });
      }
    } finally {
      clock.set(NOW);
    }
  });
});
