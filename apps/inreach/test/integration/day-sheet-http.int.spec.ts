import { randomUUID } from 'node:crypto';
import type { Principal } from '@careloop/auth';
import { ManualClock } from '@careloop/time';
import type { DaySheetView } from '../../src/day-sheet/day-sheet.view';
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
  anAppointmentCancelledEvent,
  anAttendanceRecordedEvent,
  deliveredToInreach,
} from '../support/day-sheet-events';
import { aCdasOrgId, aCoordinator, aDrugWorker } from '../support/inreach-fixtures';

const NOW = '2026-03-02T08:00:00Z';
const HOSTILE = `<script>alert('x')</script> & "Jones"`;

/** A member of staff of the hospital team visiting to run the clinic. */
const aClinician = (orgId: string, overrides: Partial<Principal> = {}): Principal => ({
  userId: `user-${randomUUID().slice(0, 8)}`,
  name: 'Dr Ana Silva',
  roles: ['clinician'],
  orgId,
  orgKind: 'hospital',
  siteIds: [],
  ...overrides,
});

/**
 * The day sheet over HTTP: who is booked into a session and who walked in, for the host CDAS and the
 * visiting organisation only, every read audited; as JSON or a printable page.
 */
describe('the day sheet over HTTP', () => {
  const clinic = useCoordinatorAtASite({
    database: 'inreach_day_sheet',
    clock: new ManualClock(NOW),
    modules: ON_THE_DAY_MODULES,
  });
  const { api, orgId: riverside, coordinator } = clinic;
  const visiting = `org-hospital-${randomUUID().slice(0, 8)}`;
  let hepC: ClinicWithSessions;
  let sessionId: string;
  const sam = aClientSnapshot({ preferredName: 'Sammy' });
  const hostile = aClientSnapshot({ name: { given: 'Robin', family: HOSTILE }, nhsNumber: null });
  const bookings = {
    samAtTwenty: aBooking({
      orgId: riverside,
      clientId: sam.clientId,
      sessionId: '',
      startsAt: '2026-03-04T10:20:00Z',
      endsAt: '2026-03-04T10:40:00Z',
    }),
    hostileAtTen: aBooking({
      orgId: riverside,
      clientId: hostile.clientId,
      sessionId: '',
      startsAt: '2026-03-04T10:00:00Z',
      endsAt: '2026-03-04T10:20:00Z',
    }),
    cancelled: aBooking({
      orgId: riverside,
      clientId: randomUUID(),
      sessionId: '',
      startsAt: '2026-03-04T11:00:00Z',
      endsAt: '2026-03-04T11:20:00Z',
    }),
  };

  beforeAll(async () => {
    hepC = await aClinicWithSessions(clinic, { providerOrgId: visiting });
    sessionId = (await published(clinic, hepC.on('2026-03-04'))).id;
    for (const b of Object.values(bookings)) b.sessionId = sessionId;
    await deliveredToInreach(
      api,
      aClientEvent(riverside, sam),
      aClientEvent(riverside, hostile),
      anAppointmentBookedEvent(bookings.samAtTwenty),
      anAppointmentBookedEvent(bookings.hostileAtTen),
      anAppointmentBookedEvent(bookings.cancelled),
      anAppointmentCancelledEvent(bookings.cancelled),
      anAttendanceRecordedEvent(bookings.hostileAtTen, 'did_not_attend'),
    );
  });

  const daySheet = (who: Principal, id = sessionId) =>
    api.call<DaySheetView>(who, 'GET', `/inreach/sessions/${id}/day-sheet`);
  const auditedReads = (userId: string) =>
    api.dataSource.query(
      `SELECT action, subject_type, subject_id, client_id, details FROM inreach.audit_log
        WHERE actor_user_id = $1 ORDER BY client_id`,
      [userId],
    ) as Promise<{ client_id: string | null; details: Record<string, unknown> }[]>;

  it('lists the booked clients in time order with only what the clinician needs; cancelled ones are left out', async () => {
    const answer = await daySheet(coordinator);
    expect(answer.status).toBe(200);
    expect(answer.body.session).toMatchObject({
      id: sessionId,
      date: '2026-03-04',
      startsAt: '2026-03-04T10:00:00.000Z',
      endsAt: '2026-03-04T13:00:00.000Z',
      status: 'published',
      walkInAllowance: 2,
    });
    expect(answer.body.service).toMatchObject({
      id: hepC.serviceId,
      providerName: 'St Elsewhere Hepatology',
    });
    expect(answer.body.booked).toEqual([
      {
        appointmentId: bookings.hostileAtTen.appointmentId,
        clientId: hostile.clientId,
        startsAt: '2026-03-04T10:00:00.000Z',
        endsAt: '2026-03-04T10:20:00.000Z',
        client: {
          givenName: 'Robin',
          familyName: HOSTILE,
          preferredName: null,
          dateOfBirth: '1979-04-12',
          nhsNumber: null,
          keyworkerId: 'alex.morgan',
        },
        attendance: 'did_not_attend',
      },
      {
        appointmentId: bookings.samAtTwenty.appointmentId,
        clientId: sam.clientId,
        startsAt: '2026-03-04T10:20:00.000Z',
        endsAt: '2026-03-04T10:40:00.000Z',
        client: {
          givenName: 'Sam',
          familyName: 'Taylor',
          preferredName: 'Sammy',
          dateOfBirth: '1979-04-12',
          nhsNumber: '9434765919',
          keyworkerId: 'alex.morgan',
        },
        attendance: null,
      },
    ]);
    expect(answer.body.walkIns).toEqual([]);
    expect(JSON.stringify(answer.body)).not.toMatch(/noFixedAbode|attendancePattern|flags|referral/i);
  });

  it('audits each read: one entry per client shown, naming the session and who read it', async () => {
    const keyworker = aDrugWorker(riverside);
    await daySheet(keyworker);
    const entries = await auditedReads(keyworker.userId);
    expect(entries).toEqual(
      [hostile.clientId, sam.clientId].sort().map((clientId) => ({
        action: 'read',
        subject_type: 'inreach_session',
        subject_id: sessionId,
        client_id: clientId,
        details: expect.objectContaining({ purpose: 'day-sheet', as: 'host', format: 'json' }),
      })),
    );
  });

  it('is readable by the visiting organisation’s staff, and by no other organisation', async () => {
    const clinician = aClinician(visiting);
    const theirs = await daySheet(clinician);
    expect(theirs.status).toBe(200);
    expect(theirs.body.booked).toHaveLength(2);
    expect((await auditedReads(clinician.userId)).map((e) => e.details)).toEqual([
      expect.objectContaining({ as: 'provider', hostOrgId: riverside }),
      expect.objectContaining({ as: 'provider', hostOrgId: riverside }),
    ]);

    const otherHospital = aClinician(`org-hospital-${randomUUID().slice(0, 8)}`);
    const otherCdas = aCoordinator(aCdasOrgId());
    for (const stranger of [otherHospital, otherCdas]) {
      expect(await daySheet(stranger)).toMatchObject({ status: 404, body: { code: 'SESSION_NOT_FOUND' } });
      expect(await auditedReads(stranger.userId)).toEqual([]);
    }
    expect((await daySheet(coordinator, randomUUID())).status).toBe(404);
  });

  it('is not shown to the visiting organisation’s staff who do not run clinics, or when its kind does not visit', async () => {
    const notRunningClinics = [
      aClinician(visiting, { roles: ['service_manager'] }),
      aClinician(visiting, { roles: ['drug_worker', 'admin'] }),
      aClinician(visiting, { orgKind: 'commissioner' }),
      aClinician(visiting, { orgKind: 'cdas', roles: ['nurse'] }),
    ];
    for (const who of notRunningClinics) {
      expect(await daySheet(who)).toMatchObject({ status: 404, body: { code: 'SESSION_NOT_FOUND' } });
      expect(await auditedReads(who.userId)).toEqual([]);
    }
    for (const who of [
      aClinician(visiting, { roles: ['nurse'], orgKind: 'specialist_service' }),
      aClinician(visiting, { roles: ['clinic_admin'], orgKind: 'gp_practice' }),
    ]) {
      expect((await daySheet(who)).status).toBe(200);
    }
  });

  it('prints as a self-contained page with every value escaped, for ?format=html or a browser asking for HTML', async () => {
    for (const [path, headers] of [
      [`/inreach/sessions/${sessionId}/day-sheet?format=html`, {}],
      [`/inreach/sessions/${sessionId}/day-sheet`, { accept: 'text/html,application/xhtml+xml' }],
    ] as const) {
      const page = await api.text(coordinator, path, headers);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.text).not.toMatch(/<script/i);
      expect(page.text).toContain(
        '&lt;SCRIPT&gt;ALERT(&#39;X&#39;)&lt;/SCRIPT&gt; &amp; &quot;JONES&quot;, Robin',
      );
      expect(page.text).toContain('<td>10:20–10:40</td><td>TAYLOR, Sam (known as Sammy)</td>');
    }
    const entries = await api.dataSource.query(
      `SELECT DISTINCT details->>'format' AS format FROM inreach.audit_log
        WHERE actor_user_id = $1 AND subject_id = $2`,
      [coordinator.userId, sessionId],
    );
    expect(entries).toEqual(expect.arrayContaining([{ format: 'html' }, { format: 'json' }]));
  });

  it('answers a cancellation with how many booked clients booking will move', async () => {
    const next = await published(clinic, hepC.on('2026-03-11'));
    const booked = [0, 1, 2].map((n) =>
      aBooking({
        orgId: riverside,
        clientId: randomUUID(),
        sessionId: next.id,
        startsAt: `2026-03-11T10:${n}0:00Z`,
        endsAt: `2026-03-11T10:${n}9:00Z`,
      }),
    );
    await deliveredToInreach(
      api,
      ...booked.map((b) => anAppointmentBookedEvent(b)),
      anAppointmentCancelledEvent(booked[2]!),
    );
    const cancelled = await api.call(coordinator, 'POST', `/inreach/sessions/${next.id}/cancel`, {
      reason: 'Specialist off sick',
    });
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled', bookedClientsToMove: 2 } });

    const planned = hepC.on('2026-03-18');
    const nobody = await api.call(coordinator, 'POST', `/inreach/sessions/${planned.id}/cancel`, {
      reason: 'Room being decorated',
    });
    expect(nobody.body).toMatchObject({ status: 'cancelled', bookedClientsToMove: 0 });
  });
});
