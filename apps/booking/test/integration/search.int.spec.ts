import { randomUUID } from 'node:crypto';
import { AuditTrail } from '@careloop/auth';
import type { ReservedFor } from '@careloop/contracts';
import { ManualClock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import type { Schedule } from '../../src/schedule/schedule.entity';
import { SearchFreeSlots } from '../../src/slot/search-free-slots';
import { searchSlotsQuery } from '../../src/slot/slot-search.dto';
import type { Slot } from '../../src/slot/slot.entity';
import { useBookingDatabase } from '../support/booking-database';
import {
  aBookingClient,
  aClinicAdmin,
  aPrincipal,
  aSchedule,
  aSlotOn,
  RIVERSIDE_CDAS,
} from '../support/booking-fixtures';

const NORTHGATE_CDAS = 'org-northgate-cdas';
const FOR_RIVERSIDE: ReservedFor = { kind: 'organisation', orgId: RIVERSIDE_CDAS };
const FOR_NORTHGATE: ReservedFor = { kind: 'organisation', orgId: NORTHGATE_CDAS };
const FOR_ALL_CDAS: ReservedFor = { kind: 'all_cdas' };

/** Slot search on real Postgres: who sees reserved slots, the filters, and ranking for a client. */
describe('searching free slots', () => {
  const db = useBookingDatabase('booking_search');
  // A Monday, in winter (London is on GMT).
  const clock = new ManualClock('2026-11-30T09:00:00Z');
  const audit = new AuditTrail();
  const riverside = aPrincipal();
  const northgate = aPrincipal({ orgId: NORTHGATE_CDAS });
  let search: SearchFreeSlots;

  beforeAll(async () => {
    search = new SearchFreeSlots(db.dataSource, audit, clock);
  });

  /** A provider of its own per test, so each test's searches see only its slots. */
  const aProvider = () => `org-hospital-${randomUUID().slice(0, 8)}`;
  const scheduleOf = (orgId: string, options: { serviceType?: string } = {}) =>
    db.transaction((m) => aSchedule(m, { orgId, ...options }));
  const slotOn = (
    schedule: Schedule,
    startsAt: string,
    options: Omit<Parameters<typeof aSlotOn>[2], 'startsAt'> = {},
  ) => db.transaction((m) => aSlotOn(m, schedule, { startsAt, ...options }));
  const setSlot = (slot: Pick<Slot, 'id'>, assignments: string, ...params: unknown[]) =>
    db.dataSource.query(`UPDATE booking.slot SET ${assignments} WHERE id = $1`, [slot.id, ...params]);
  const query = (q: Record<string, string>) => searchSlotsQuery.parse(q);
  const ids = (view: { slots: { id: string }[] }) => view.slots.map((s) => s.id);

  it('shows open slots, reservations for the caller’s organisation or all CDAS, and released ones', async () => {
    const provider = aProvider();
    const schedule = await scheduleOf(provider);
    const open = await slotOn(schedule, '2026-12-01T09:00:00Z');
    const forRiverside = await slotOn(schedule, '2026-12-01T09:20:00Z', {
      reservedFor: FOR_RIVERSIDE,
      releaseAt: '2026-11-30T09:20:00Z',
    });
    const forNorthgate = await slotOn(schedule, '2026-12-01T09:40:00Z', { reservedFor: FOR_NORTHGATE });
    const forAllCdas = await slotOn(schedule, '2026-12-01T10:00:00Z', { reservedFor: FOR_ALL_CDAS });
    const released = await slotOn(schedule, '2026-12-01T10:20:00Z', { reservedFor: FOR_NORTHGATE });
    await setSlot(released, 'released_at = $2', clock.now());
    // Never shown: full, withdrawn, already started.
    const full = await slotOn(schedule, '2026-12-01T10:40:00Z');
    await setSlot(full, 'taken = capacity');
    const withdrawn = await slotOn(schedule, '2026-12-01T11:00:00Z');
    await setSlot(
      withdrawn,
      `status = 'withdrawn', withdrawn_at = $2, withdrawn_reason = 'Leave'`,
      clock.now(),
    );
    await slotOn(schedule, '2026-11-30T08:50:00Z');

    const byProvider = query({ orgId: provider });
    expect(ids(await search.execute(riverside, byProvider))).toEqual([
      open.id,
      forRiverside.id,
      forAllCdas.id,
      released.id,
    ]);
    expect(ids(await search.execute(northgate, byProvider))).toEqual([
      open.id,
      forNorthgate.id,
      forAllCdas.id,
      released.id,
    ]);
    // The clinic itself and a GP practice are not CDAS: no CDAS reservation is theirs to book.
    const clinic = aClinicAdmin({ orgId: provider });
    const gp = aPrincipal({ roles: ['clinician'], orgId: 'org-hillside-surgery', orgKind: 'gp_practice' });
    expect(ids(await search.execute(clinic, byProvider))).toEqual([open.id, released.id]);
    expect(ids(await search.execute(gp, byProvider))).toEqual([open.id, released.id]);

    const shown = (await search.execute(riverside, byProvider)).slots;
    expect(shown.find((s) => s.id === forRiverside.id)!.reservation).toEqual({
      reservedFor: FOR_RIVERSIDE,
      releaseAt: '2026-11-30T09:20:00.000Z',
    });
    expect(shown.find((s) => s.id === released.id)!.reservation).toBeNull();
  });

  it('filters by service type, provider, site, schedule and date range', async () => {
    const provider = aProvider();
    const otherProvider = aProvider();
    const serviceType = `respiratory-${randomUUID().slice(0, 8)}`;
    const morning = await scheduleOf(provider, { serviceType });
    const liver = await scheduleOf(provider, { serviceType: `hepatology-${randomUUID().slice(0, 8)}` });
    const elsewhere = await scheduleOf(otherProvider, { serviceType });
    const a = await slotOn(morning, '2026-12-01T09:00:00Z');
    const b = await slotOn(morning, '2026-12-08T09:00:00Z');
    const c = await slotOn(liver, '2026-12-02T09:00:00Z');
    const d = await slotOn(elsewhere, '2026-12-03T09:00:00Z');

    expect(ids(await search.execute(riverside, query({ serviceType })))).toEqual([a.id, d.id, b.id]);
    expect(ids(await search.execute(riverside, query({ serviceType, orgId: provider })))).toEqual([
      a.id,
      b.id,
    ]);
    expect(ids(await search.execute(riverside, query({ orgId: provider })))).toEqual([a.id, c.id, b.id]);
    expect(ids(await search.execute(riverside, query({ siteId: liver.siteId })))).toEqual([c.id]);
    expect(ids(await search.execute(riverside, query({ scheduleId: elsewhere.id })))).toEqual([d.id]);
    expect(
      ids(
        await search.execute(
          riverside,
          query({ orgId: provider, from: '2026-12-01T12:00:00Z', to: '2026-12-05T00:00:00Z' }),
        ),
      ),
    ).toEqual([c.id]);
    expect(searchSlotsQuery.safeParse({ scheduleId: 'not-a-uuid' }).success).toBe(false);
    expect(searchSlotsQuery.safeParse({ servicetype: 'respiratory' }).success).toBe(false);
  });

  it('refuses a window over 92 days with 422 on `to` (reading no client), never a shorter search; without `to`, 28 days', async () => {
    const schedule = await scheduleOf(aProvider());
    const soon = await slotOn(schedule, '2026-12-20T09:00:00Z');
    const afterFourWeeks = await slotOn(schedule, '2026-12-30T09:00:00Z');
    const lastDay = await slotOn(schedule, '2027-03-02T08:40:00Z');
    const client = await db.transaction((m) => aBookingClient(m));
    // 92 London days after now (30 November 09:00, GMT throughout) is 2 March 2027 09:00Z.
    const refused = await search
      .execute(
        riverside,
        query({ scheduleId: schedule.id, to: '2027-03-02T09:00:01Z', clientId: client.clientId }),
      )
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'WINDOW_TOO_LONG',
      status: 422,
      extensions: { errors: [{ path: 'to' }] },
    });
    expect(await audit.forClient(db.dataSource.manager, BOOKING_SCHEMA, client.clientId)).toEqual([]);
    // Counted from `from` when it is later than now.
    await expect(
      search.execute(
        riverside,
        query({ scheduleId: schedule.id, from: '2027-01-01T00:00:00Z', to: '2027-04-10T00:00:00Z' }),
      ),
    ).rejects.toMatchObject({ code: 'WINDOW_TOO_LONG' });

    expect(
      ids(await search.execute(riverside, query({ scheduleId: schedule.id, to: '2027-03-02T09:00:00Z' }))),
    ).toEqual([soon.id, afterFourWeeks.id, lastDay.id]);
    expect(ids(await search.execute(riverside, query({ scheduleId: schedule.id })))).toEqual([soon.id]);
  });

  it('applies the 500 limit after leaving out other organisations’ reservations', async () => {
    const provider = aProvider();
    const schedule = await scheduleOf(provider);
    await db.dataSource.query(
      `INSERT INTO booking.slot (id, org_id, schedule_id, site_id, service_type, provider_name, location,
         starts_at, ends_at, capacity, taken, status, reserved_for, published_by, published_at)
       SELECT gen_random_uuid(), $1, $2, $3, $4, 'Clinic', 'Outpatients B',
         $5::timestamptz + n * interval '10 minutes', $5::timestamptz + n * interval '10 minutes' + interval '10 minutes',
         1, 0, 'open', $6::jsonb, 'fixture', $5
       FROM generate_series(1, 500) AS n`,
      [
        schedule.orgId,
        schedule.id,
        schedule.siteId,
        schedule.serviceType,
        '2026-12-01T00:00:00Z',
        JSON.stringify(FOR_NORTHGATE),
      ],
    );
    const open = await slotOn(schedule, '2026-12-10T09:00:00Z');

    expect(ids(await search.execute(riverside, query({ orgId: provider })))).toEqual([open.id]);
    const forNorthgate = await search.execute(northgate, query({ orgId: provider }));
    expect(forNorthgate.slots).toHaveLength(500);
    expect(ids(forNorthgate)).not.toContain(open.id);
  });

  describe('ranked for a client who comes to the CDAS on Tuesdays', () => {
    let provider: string;
    let slots: Record<'monSoon' | 'tueSoon' | 'thuSoon' | 'tueLater' | 'wedLater' | 'friLater', Slot>;

    beforeAll(async () => {
      provider = aProvider();
      const schedule = await scheduleOf(provider);
      slots = {
        thuSoon: await slotOn(schedule, '2026-12-03T10:00:00Z'),
        tueLater: await slotOn(schedule, '2026-12-08T10:00:00Z'),
        monSoon: await slotOn(schedule, '2026-11-30T14:00:00Z'),
        tueSoon: await slotOn(schedule, '2026-12-01T10:00:00Z'),
        wedLater: await slotOn(schedule, '2026-12-09T10:00:00Z'),
        friLater: await slotOn(schedule, '2026-12-11T10:00:00Z'),
      };
    });

    const aClient = (options: Parameters<typeof aBookingClient>[1] = {}) =>
      db.transaction((m) =>
        aBookingClient(m, { attendancePattern: [{ day: 'tue', from: '09:00', to: '12:00' }], ...options }),
      );

    /** An appointment of the client in a slot that started `startsAt` (in the past), written directly. */
    async function pastAppointment(
      clientId: string,
      startsAt: string,
      outcome: { attendance?: string; outcomeOverdueAt?: string },
    ): Promise<void> {
      const history = await scheduleOf(aProvider());
      const slot = await slotOn(history, startsAt);
      await db.dataSource.query(
        `INSERT INTO booking.appointment (id, org_id, slot_id, seat, client_id, status, booked_by, booked_at,
           attendance, outcome_overdue_at)
         VALUES ($1, $2, $3, 1, $4, 'booked', 'user-drug-worker', $5, $6, $7)`,
        [
          randomUUID(),
          RIVERSIDE_CDAS,
          slot.id,
          clientId,
          new Date(Date.parse(startsAt) - 7 * 24 * 3600_000),
          outcome.attendance ?? null,
          outcome.outcomeOverdueAt ?? null,
        ],
      );
      await setSlot(slot, 'taken = 1');
    }

    const ranked = (clientId: string) => search.execute(riverside, query({ orgId: provider, clientId }));
    const order = (view: { slots: { id: string }[] }) =>
      view.slots.map((s) => Object.entries(slots).find(([, slot]) => slot.id === s.id)![0]);

    it('without a client: soonest first, no ranking, a warning on every slot more than 7 days away', async () => {
      const view = await search.execute(riverside, query({ orgId: provider }));
      expect(view.ranking).toBeNull();
      expect(order(view)).toEqual(['monSoon', 'tueSoon', 'thuSoon', 'tueLater', 'wedLater', 'friLater']);
      expect(view.slots.map((s) => [s.attendanceDay, s.warnings])).toEqual([
        [null, []],
        [null, []],
        [null, []],
        [null, ['more_than_7_days_away']],
        [null, ['more_than_7_days_away']],
        [null, ['more_than_7_days_away']],
      ]);
    });

    it('a client with no missed appointments: same day, then the day before or after, then the rest', async () => {
      const client = await aClient();
      await pastAppointment(client.clientId, '2026-09-01T10:00:00Z', { attendance: 'attended' });
      // A miss more than 12 months ago no longer counts.
      await pastAppointment(client.clientId, '2025-10-01T10:00:00Z', { attendance: 'did_not_attend' });

      const view = await ranked(client.clientId);

      expect(view.ranking).toEqual({
        clientId: client.clientId,
        highRiskOfNonAttendance: false,
        reasons: [],
      });
      expect(order(view)).toEqual(['tueSoon', 'tueLater', 'monSoon', 'wedLater', 'thuSoon', 'friLater']);
      expect(view.slots.map((s) => s.attendanceDay)).toEqual([
        'same_day',
        'same_day',
        'adjacent_day',
        'adjacent_day',
        null,
        null,
      ]);
      expect(view.slots[1]!.warnings).toEqual(['more_than_7_days_away']);
    });

    it('a client who missed an appointment this year: the next 7 days first, then by day', async () => {
      const client = await aClient();
      await pastAppointment(client.clientId, '2026-08-18T10:00:00Z', { attendance: 'did_not_attend' });

      const view = await ranked(client.clientId);

      expect(view.ranking).toEqual({
        clientId: client.clientId,
        highRiskOfNonAttendance: true,
        reasons: ['did_not_attend_in_last_12_months'],
      });
      expect(order(view)).toEqual(['tueSoon', 'monSoon', 'thuSoon', 'tueLater', 'wedLater', 'friLater']);
    });

    it('an outcome still unknown, or a flag on the client record, also counts as high risk', async () => {
      const unknownOutcome = await aClient();
      await pastAppointment(unknownOutcome.clientId, '2026-11-02T10:00:00Z', {
        outcomeOverdueAt: '2026-11-03T10:00:00Z',
      });
      expect((await ranked(unknownOutcome.clientId)).ranking!.reasons).toEqual([
        'outcome_unknown_in_last_12_months',
      ]);

      const homeless = await aClient({ flags: { noFixedAbode: true, recentlyReleasedFromPrison: true } });
      const view = await ranked(homeless.clientId);
      expect(view.ranking).toMatchObject({
        highRiskOfNonAttendance: true,
        reasons: ['no_fixed_abode', 'recently_released_from_prison'],
      });
      expect(order(view).slice(0, 3)).toEqual(['tueSoon', 'monSoon', 'thuSoon']);
    });

    it('reading the client for the ranking is audited as a read of the client', async () => {
      const client = await aClient();
      await ranked(client.clientId);
      const entries = await audit.forClient(db.dataSource.manager, BOOKING_SCHEMA, client.clientId);
      expect(entries).toEqual([
        expect.objectContaining({
          action: 'read',
          subjectType: 'client',
          subjectId: client.clientId,
          actorUserId: riverside.userId,
          actorOrgId: RIVERSIDE_CDAS,
        }),
      ]);
    });

    it('a client of another organisation, or unknown to booking, is not found, and nothing is audited', async () => {
      const theirs = await aClient({ orgId: NORTHGATE_CDAS });
      await expect(ranked(theirs.clientId)).rejects.toMatchObject({ code: 'CLIENT_NOT_FOUND', status: 404 });
      await expect(ranked(randomUUID())).rejects.toMatchObject({ code: 'CLIENT_NOT_FOUND', status: 404 });
      expect(await audit.forClient(db.dataSource.manager, BOOKING_SCHEMA, theirs.clientId)).toEqual([]);
    });
  });
});
