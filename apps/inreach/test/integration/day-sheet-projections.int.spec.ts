import { randomUUID } from 'node:crypto';
import { ManualClock } from '@careloop/time';
import { ON_THE_DAY_MODULES } from '../support/clinic-day';
import { useCoordinatorAtASite } from '../support/coordinator-at-a-site';
import {
  aBooking,
  aClientEvent,
  aClientSnapshot,
  anAppointmentBookedEvent,
  anAppointmentCancelledEvent,
  anAppointmentRescheduledEvent,
  anAttendanceRecordedEvent,
  aReferralMadeEvent,
  deliveredToInreach,
} from '../support/day-sheet-events';

/**
 * In-reach's copies of other services' records, through the real consume pipeline (contract check,
 * inbox, one transaction per event) on the in-process bus and real Postgres. Booking's events are
 * built here, as booking will send them once they carry inreachSessionId.
 */
describe('in-reach’s copies of clients, appointments and referrals', () => {
  const clinic = useCoordinatorAtASite({
    database: 'inreach_day_sheet_projections',
    clock: new ManualClock('2026-03-02T08:00:00Z'),
    modules: ON_THE_DAY_MODULES,
  });
  const { api, orgId: riverside } = clinic;
  /** A new client of the host booked into `sessionId`. */
  const aRiversideBooking = (sessionId: string, startsAt: string, endsAt: string) =>
    aBooking({ orgId: riverside, sessionId, startsAt, endsAt });

  const storedClient = async (clientId: string) =>
    (
      (await api.dataSource.query(
        `SELECT client_id, org_id, version, given_name, family_name, preferred_name,
                date_of_birth::text AS date_of_birth, nhs_number, keyworker_id, updated_at
           FROM inreach.client WHERE client_id = $1`,
        [clientId],
      )) as Record<string, unknown>[]
    )[0];
  const storedAppointment = async (appointmentId: string) =>
    (
      (await api.dataSource.query(
        `SELECT session_id, status, attendance, starts_at FROM inreach.session_appointment WHERE appointment_id = $1`,
        [appointmentId],
      )) as { session_id: string; status: string; attendance: string | null; starts_at: Date }[]
    )[0];

  it('keeps a client’s newest version, only what the day sheet shows, and a late older one changes nothing', async () => {
    const v1 = aClientSnapshot({ version: 1, name: { given: 'Sam', family: 'Taylor' } });
    const v3 = { ...v1, version: 3, preferredName: 'Sammy', keyworkerId: 'jo.baker' };
    const v2 = { ...v1, version: 2, name: { given: 'Sam', family: 'Older' } };
    await deliveredToInreach(api, aClientEvent(riverside, v1, '2026-03-01T09:00:00Z'));
    await deliveredToInreach(api, aClientEvent(riverside, v3, '2026-03-01T11:00:00Z'));
    await deliveredToInreach(api, aClientEvent(riverside, v2, '2026-03-01T10:00:00Z'));

    expect(await storedClient(v1.clientId)).toEqual({
      client_id: v1.clientId,
      org_id: riverside,
      version: 3,
      given_name: 'Sam',
      family_name: 'Taylor',
      preferred_name: 'Sammy',
      date_of_birth: '1979-04-12',
      nhs_number: '9434765919',
      keyworker_id: 'jo.baker',
      updated_at: new Date('2026-03-01T11:00:00Z'),
    });
  });

  it('keeps appointments booked into a session, with attendance, and none booked elsewhere', async () => {
    const sessionId = randomUUID();
    const inSession = aRiversideBooking(sessionId, '2026-03-04T10:20:00Z', '2026-03-04T10:40:00Z');
    const elsewhere = aBooking({ ...inSession, appointmentId: randomUUID(), sessionId: null });
    const olderEvent = anAppointmentBookedEvent({ ...inSession, appointmentId: randomUUID() });
    delete (olderEvent.data as { inreachSessionId?: unknown }).inreachSessionId;

    await deliveredToInreach(
      api,
      anAppointmentBookedEvent(inSession, '2026-03-02T09:00:00Z'),
      anAppointmentBookedEvent(elsewhere),
      olderEvent,
      anAttendanceRecordedEvent(inSession, 'attended', '2026-03-04T10:45:00Z'),
    );

    expect(await storedAppointment(inSession.appointmentId)).toEqual({
      session_id: sessionId,
      status: 'booked',
      attendance: 'attended',
      starts_at: new Date('2026-03-04T10:20:00Z'),
    });
    expect(await storedAppointment(elsewhere.appointmentId)).toBeUndefined();
    expect(await storedAppointment(olderEvent.data.appointmentId)).toBeUndefined();
  });

  it('moves an appointment between sessions, removes it when moved out of every session, and brings it back when moved in', async () => {
    const first = randomUUID();
    const second = randomUUID();
    const a = aRiversideBooking(first, '2026-03-04T10:00:00Z', '2026-03-04T10:20:00Z');
    await deliveredToInreach(api, anAppointmentBookedEvent(a, '2026-03-02T09:00:00Z'));

    const toSecond = { sessionId: second, startsAt: '2026-03-11T11:00:00Z', endsAt: '2026-03-11T11:20:00Z' };
    await deliveredToInreach(api, anAppointmentRescheduledEvent(a, toSecond, '2026-03-02T09:10:00Z'));
    expect(await storedAppointment(a.appointmentId)).toMatchObject({
      session_id: second,
      starts_at: new Date('2026-03-11T11:00:00Z'),
    });

    const toOrdinarySlot = {
      sessionId: null,
      startsAt: '2026-03-12T14:00:00Z',
      endsAt: '2026-03-12T14:20:00Z',
    };
    await deliveredToInreach(api, anAppointmentRescheduledEvent(a, toOrdinarySlot, '2026-03-02T09:20:00Z'));
    expect(await storedAppointment(a.appointmentId)).toBeUndefined();

    const backIn = { sessionId: first, startsAt: '2026-03-04T12:00:00Z', endsAt: '2026-03-04T12:20:00Z' };
    await deliveredToInreach(api, anAppointmentRescheduledEvent(a, backIn, '2026-03-02T09:30:00Z'));
    expect(await storedAppointment(a.appointmentId)).toEqual({
      session_id: first,
      status: 'booked',
      attendance: null,
      starts_at: new Date('2026-03-04T12:00:00Z'),
    });
  });

  it('a redelivered event changes nothing: an old move does not undo a later one or a cancellation', async () => {
    const first = randomUUID();
    const a = aRiversideBooking(first, '2026-03-04T10:00:00Z', '2026-03-04T10:20:00Z');
    const booked = anAppointmentBookedEvent(a, '2026-03-02T09:00:00Z');
    const moved = anAppointmentRescheduledEvent(
      a,
      { sessionId: randomUUID(), startsAt: '2026-03-11T10:00:00Z', endsAt: '2026-03-11T10:20:00Z' },
      '2026-03-02T09:10:00Z',
    );
    const movedBack = anAppointmentRescheduledEvent(
      a,
      { sessionId: first, startsAt: '2026-03-04T11:00:00Z', endsAt: '2026-03-04T11:20:00Z' },
      '2026-03-02T09:20:00Z',
    );
    const cancelled = anAppointmentCancelledEvent(a, '2026-03-02T09:30:00Z');
    await deliveredToInreach(api, booked, moved, movedBack, cancelled);
    const settled = await storedAppointment(a.appointmentId);
    expect(settled).toEqual({
      session_id: first,
      status: 'cancelled',
      attendance: null,
      starts_at: new Date('2026-03-04T11:00:00Z'),
    });

    await deliveredToInreach(api, moved, booked, movedBack);
    expect(await storedAppointment(a.appointmentId)).toEqual(settled);
    // The inbox saw each once.
    const handled = (await api.dataSource.query(
      `SELECT count(*)::int AS n FROM inreach.inbox WHERE event_id = ANY($1::uuid[])`,
      [[booked.id, moved.id, movedBack.id, cancelled.id]],
    )) as { n: number }[];
    expect(handled[0]!.n).toBe(4);
  });

  it('keeps when each referral was made, once', async () => {
    const clientId = randomUUID();
    const made = aReferralMadeEvent(riverside, clientId, '2026-02-20T15:30:00Z');
    await deliveredToInreach(api, made, {
      ...made,
      id: randomUUID(),
      occurredAt: '2026-02-27T09:00:00.000Z',
    });
    expect(
      await api.dataSource.query(
        `SELECT client_id, org_id, destination_kind, created_at FROM inreach.referral WHERE referral_id = $1`,
        [made.data.referralId],
      ),
    ).toEqual([
      {
        client_id: clientId,
        org_id: riverside,
        destination_kind: 'inreach',
        created_at: new Date('2026-02-20T15:30:00Z'),
      },
    ]);
  });
});
