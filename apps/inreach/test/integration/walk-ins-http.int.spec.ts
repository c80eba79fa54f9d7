import { randomUUID } from 'node:crypto';
import type { Principal } from '@careloop/auth';
import { ManualClock } from '@careloop/time';
import type { DaySheetView } from '../../src/day-sheet/day-sheet.view';
import type { WalkInView } from '../../src/walk-in/walk-in.dto';
import {
  aClinicWithSessions,
  ON_THE_DAY_MODULES,
  published,
  type ClinicWithSessions,
} from '../support/clinic-day';
import { useCoordinatorAtASite } from '../support/coordinator-at-a-site';
import {
  aBooking,
  aClientEvent,
  aClientSnapshot,
  anAppointmentBookedEvent,
  anAttendanceRecordedEvent,
  deliveredToInreach,
} from '../support/day-sheet-events';
import { eventsInOutbox } from '../support/events-in-outbox';
import { aCdasOrgId, aCoordinator, aDrugWorker } from '../support/inreach-fixtures';

const NOW = '2026-03-02T08:00:00Z';
/** Wednesday 4 March 2026, during the 10:00-13:00 session (GMT). */
const DURING = '2026-03-04T10:30:00Z';

/**
 * Walk-ins over HTTP: a client of the host CDAS seen at a session without a booking, within the
 * session's allowance (two, here), on its day; announced through the outbox and shown on the day sheet.
 */
describe('walk-ins over HTTP', () => {
  const clock = new ManualClock(NOW);
  const clinic = useCoordinatorAtASite({ database: 'inreach_walk_ins', clock, modules: ON_THE_DAY_MODULES });
  const { api, orgId: riverside, coordinator } = clinic;
  const keyworker = aDrugWorker(riverside);
  let hepC: ClinicWithSessions;

  /** Clients of the host CDAS that in-reach has heard of. */
  async function clients(n: number): Promise<string[]> {
    const snapshots = Array.from({ length: n }, () => aClientSnapshot());
    await deliveredToInreach(api, ...snapshots.map((s) => aClientEvent(riverside, s)));
    return snapshots.map((s) => s.clientId);
  }

  const walkIn = (
    sessionId: string,
    body: Record<string, unknown>,
    who: Principal = keyworker,
    key?: string,
  ) =>
    api.call<WalkInView>(
      who,
      'POST',
      `/inreach/sessions/${sessionId}/walk-ins`,
      body,
      key ? { 'idempotency-key': key } : {},
    );
  const walkInsAt = async (sessionId: string) =>
    (
      (await api.dataSource.query(`SELECT count(*)::int AS n FROM inreach.walk_in WHERE session_id = $1`, [
        sessionId,
      ])) as { n: number }[]
    )[0]!.n;
  const announced = async (sessionId: string) =>
    (
      await eventsInOutbox<{ sessionId: string }>(api.dataSource, { type: 'inreach.walk-in-recorded.v1' })
    ).filter((e) => e.data.sessionId === sessionId);

  beforeAll(async () => {
    hepC = await aClinicWithSessions(clinic);
    await published(clinic, hepC.on('2026-03-04'));
  });

  afterEach(() => clock.set(NOW));

  it('records a walk-in, announces it, shows it on the day sheet, and a replayed request records nothing more', async () => {
    const session = hepC.on('2026-03-04');
    const [clientId] = await clients(1);
    clock.set(DURING);
    const body = { clientId, note: 'Came in for dispensing; seen between appointments' };
    const key = randomUUID();

    const recorded = await walkIn(session.id, body, keyworker, key);
    expect(recorded).toMatchObject({
      status: 201,
      body: {
        sessionId: session.id,
        clientId,
        seenAt: '2026-03-04T10:30:00.000Z',
        note: body.note,
        recordedBy: keyworker.userId,
        walkInsRecorded: 1,
        walkInAllowance: 2,
      },
    });
    const replayed = await walkIn(session.id, body, keyworker, key);
    expect(replayed).toMatchObject({ status: 201, replayed: 'true', body: { id: recorded.body.id } });
    expect(await walkInsAt(session.id)).toBe(1);

    const events = await announced(session.id);
    expect(events.map((e) => e.data)).toEqual([
      {
        walkInId: recorded.body.id,
        sessionId: session.id,
        serviceId: hepC.serviceId,
        serviceType: 'hepatitis_c',
        serviceName: expect.stringMatching(/^Hepatitis C treatment/),
        clientId,
        hostOrgId: riverside,
        seenAt: '2026-03-04T10:30:00.000Z',
        recordedBy: keyworker.userId,
      },
    ]);
    expect(JSON.stringify(events)).not.toContain('dispensing');

    const sheet = await api.call<DaySheetView>(
      coordinator,
      'GET',
      `/inreach/sessions/${session.id}/day-sheet`,
    );
    expect(sheet.body.walkIns).toEqual([
      {
        walkInId: recorded.body.id,
        clientId,
        seenAt: '2026-03-04T10:30:00.000Z',
        client: expect.objectContaining({ givenName: 'Sam', familyName: 'Taylor' }),
        note: body.note,
      },
    ]);

    const again = await walkIn(session.id, { clientId });
    expect(again).toMatchObject({ status: 409, body: { code: 'WALK_IN_ALREADY_RECORDED' } });
  });

  it('gives the last place to one of two clients recorded at once; the other is told the session is full', async () => {
    const session = (await published(clinic, hepC.on('2026-03-11'))).id;
    const [first, second, third] = await clients(3);
    clock.set('2026-03-11T11:00:00Z');
    expect((await walkIn(session, { clientId: first })).status).toBe(201);

    const answers = await Promise.all([
      walkIn(session, { clientId: second }),
      walkIn(session, { clientId: third }, aDrugWorker(riverside)),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.body).toMatchObject({
      code: 'WALK_INS_FULL',
      walkInAllowance: 2,
      walkInsRecorded: 2,
    });
    expect(await walkInsAt(session)).toBe(2);
    expect(await announced(session)).toHaveLength(2);
  });

  it('refuses a client it does not know or of another CDAS (404), and one booked into the session (409)', async () => {
    const session = hepC.on('2026-03-04');
    const elsewhere = aClientSnapshot();
    const [booked] = await clients(1);
    await deliveredToInreach(
      api,
      aClientEvent(aCdasOrgId(), elsewhere),
      anAppointmentBookedEvent(
        aBooking({
          orgId: riverside,
          clientId: booked!,
          sessionId: session.id,
          startsAt: '2026-03-04T11:00:00Z',
          endsAt: '2026-03-04T11:20:00Z',
        }),
      ),
    );
    clock.set(DURING);
    for (const clientId of [randomUUID(), elsewhere.clientId]) {
      expect(await walkIn(session.id, { clientId })).toMatchObject({
        status: 404,
        body: { code: 'CLIENT_NOT_FOUND' },
      });
    }
    expect(await walkIn(session.id, { clientId: booked })).toMatchObject({
      status: 409,
      body: {
        code: 'CLIENT_BOOKED_IN_SESSION',
        detail: expect.stringContaining('record their attendance in booking instead'),
      },
    });
  });

  it('takes a client whose booking here ended unseen (did not attend, left) as a walk-in later that day, not one seen', async () => {
    const session = (await published(clinic, hepC.on('2026-04-15'))).id;
    const [missed, left, seen] = await clients(3);
    // 10:00-10:20 London (BST).
    const bookings = [missed, left, seen].map((clientId) =>
      aBooking({
        orgId: riverside,
        clientId: clientId!,
        sessionId: session,
        startsAt: '2026-04-15T09:00:00Z',
        endsAt: '2026-04-15T09:20:00Z',
      }),
    );
    await deliveredToInreach(api, ...bookings.map((b) => anAppointmentBookedEvent(b)));
    await deliveredToInreach(
      api,
      anAttendanceRecordedEvent(bookings[0]!, 'did_not_attend'),
      anAttendanceRecordedEvent(bookings[1]!, 'left_before_seen'),
      anAttendanceRecordedEvent(bookings[2]!, 'attended'),
    );
    clock.set('2026-04-15T11:30:00Z');
    expect(await walkIn(session, { clientId: missed })).toMatchObject({ status: 201 });
    expect(await walkIn(session, { clientId: left })).toMatchObject({ status: 201 });
    expect(await walkIn(session, { clientId: seen })).toMatchObject({
      status: 409,
      body: { code: 'CLIENT_BOOKED_IN_SESSION', detail: expect.stringContaining('was seen') },
    });
    expect(await walkInsAt(session)).toBe(2);
  });

  it('takes walk-ins on the session’s day and up to a day after it ends (with the time seen), not before or later', async () => {
    const session = (await published(clinic, hepC.on('2026-03-18'))).id;
    const [early, nextDay, noTime, tooLate] = await clients(4);

    clock.set('2026-03-17T16:00:00Z');
    expect(await walkIn(session, { clientId: early })).toMatchObject({
      status: 422,
      body: { code: 'WALK_IN_NOT_ON_SESSION_DAY', sessionDate: '2026-03-18' },
    });

    clock.set('2026-03-19T12:00:00Z');
    expect(await walkIn(session, { clientId: noTime })).toMatchObject({
      status: 422,
      body: { code: 'WALK_IN_SEEN_AT_INVALID', errors: [{ path: 'seenAt', in: 'body' }] },
    });
    expect(await walkIn(session, { clientId: noTime, seenAt: '2026-03-19T09:00:00Z' })).toMatchObject({
      status: 422,
      body: { code: 'WALK_IN_SEEN_AT_INVALID' },
    });
    expect(await walkIn(session, { clientId: nextDay, seenAt: '2026-03-18T12:40:00Z' })).toMatchObject({
      status: 201,
      body: { seenAt: '2026-03-18T12:40:00.000Z' },
    });

    clock.set('2026-03-19T13:00:01Z');
    expect(await walkIn(session, { clientId: tooLate, seenAt: '2026-03-18T12:50:00Z' })).toMatchObject({
      status: 422,
      body: { code: 'WALK_IN_NOT_ON_SESSION_DAY' },
    });
    expect(await walkInsAt(session)).toBe(1);
  });

  it('refuses a cancelled or never published session (422), another CDAS’s session (404), other organisations (403) and a bad body (400)', async () => {
    const cancelled = hepC.on('2026-03-25');
    await api.call(coordinator, 'POST', `/inreach/sessions/${cancelled.id}/cancel`, {
      reason: 'Specialist on leave',
    });
    const [clientId] = await clients(1);
    clock.set('2026-03-25T11:00:00Z');
    expect(await walkIn(cancelled.id, { clientId })).toMatchObject({
      status: 422,
      body: { code: 'WALK_IN_SESSION_CANCELLED' },
    });

    const planned = hepC.on('2026-04-08');
    clock.set('2026-04-08T10:30:00Z');
    expect(await walkIn(planned.id, { clientId })).toMatchObject({
      status: 422,
      body: { code: 'WALK_IN_SESSION_NOT_PUBLISHED' },
    });
    expect(await walkInsAt(planned.id)).toBe(0);

    const live = hepC.on('2026-04-01');
    clock.set('2026-04-01T10:30:00Z');
    expect(await walkIn(live.id, { clientId }, aCoordinator(aCdasOrgId()))).toMatchObject({
      status: 404,
      body: { code: 'SESSION_NOT_FOUND' },
    });
    const clinician: Principal = {
      ...aCoordinator('org-st-elsewhere'),
      roles: ['clinician'],
      orgKind: 'hospital',
    };
    expect((await walkIn(live.id, { clientId }, clinician)).status).toBe(403);
    expect(await walkIn(live.id, { clientId: 'not-an-id', seenAt: 'yesterday' })).toMatchObject({
      status: 400,
      body: { errors: expect.arrayContaining([expect.objectContaining({ path: 'clientId' })]) },
    });
    expect(await walkInsAt(live.id)).toBe(0);
  });
});
