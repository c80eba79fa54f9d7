import { randomUUID } from 'node:crypto';
import { AuditTrail, type Principal } from '@careloop/auth';
import { slotsPublishedV1, slotsReservedV1, slotsWithdrawnV1 } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { ManualClock } from '@careloop/time';
import { bookAppointmentBody } from '../../src/appointment/appointment.dto';
import { BookAppointment } from '../../src/appointment/book-appointment';
import { HoldAppointment } from '../../src/appointment/hold-appointment';
import { AddAvailabilityException } from '../../src/availability/add-availability-exception';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { CreateSite } from '../../src/organisation/create-site';
import { ListSites } from '../../src/organisation/list-sites';
import { RegisterOrganisation } from '../../src/organisation/register-organisation';
import { CreateSchedule } from '../../src/schedule/create-schedule';
import { ListScheduleSlots } from '../../src/schedule/list-schedule-slots';
import { ListSchedules } from '../../src/schedule/list-schedules';
import type { ScheduleView } from '../../src/schedule/schedule.dto';
import { scheduleSlotsQuery } from '../../src/schedule/schedule-slots.dto';
import { PublishSlots } from '../../src/slot/publish-slots';
import { SearchFreeSlots } from '../../src/slot/search-free-slots';
import { searchSlotsQuery } from '../../src/slot/slot-search.dto';
import { publishSlotsBody } from '../../src/slot/slot.dto';
import { WithdrawSlots } from '../../src/slot/withdraw-slots';
import { appointmentsAt } from '../support/appointment-use-cases';
import { useBookingDatabase } from '../support/booking-database';
import { aBookingClient, aClinicAdmin, aPrincipal, RIVERSIDE_CDAS } from '../support/booking-fixtures';
import { eventsInOutbox } from '../support/events-in-outbox';

/**
 * Provider supply on the real Postgres: organisations, sites and schedules as data, slots published
 * onto a schedule and withdrawn, each change with its events in one transaction.
 */
describe('provider supply: organisations, sites, schedules, publishing and withdrawing slots', () => {
  const db = useBookingDatabase('booking_supply', { poolSize: 50 });
  const clock = new ManualClock('2026-11-30T09:00:00Z');
  let registerOrganisation: RegisterOrganisation;
  let createSite: CreateSite;
  let listSites: ListSites;
  let createSchedule: CreateSchedule;
  let listSchedules: ListSchedules;
  let publish: PublishSlots;
  let withdraw: WithdrawSlots;
  let addException: AddAvailabilityException;
  let book: BookAppointment;
  let hold: HoldAppointment;
  let listScheduleSlots: ListScheduleSlots;
  let search: SearchFreeSlots;

  beforeAll(async () => {
    const outbox = new Outbox(BOOKING_SCHEMA, clock);
    const audit = new AuditTrail();
    registerOrganisation = new RegisterOrganisation(db.dataSource, clock);
    createSite = new CreateSite(db.dataSource, new Outbox(BOOKING_SCHEMA, clock), clock);
    listSites = new ListSites(db.dataSource);
    createSchedule = new CreateSchedule(db.dataSource, clock);
    listSchedules = new ListSchedules(db.dataSource);
    publish = new PublishSlots(db.dataSource, outbox, clock);
    withdraw = new WithdrawSlots(db.dataSource, outbox, clock);
    addException = new AddAvailabilityException(db.dataSource, outbox, audit, clock);
    ({ book, hold } = appointmentsAt(db.dataSource, clock));
    listScheduleSlots = new ListScheduleSlots(db.dataSource, clock);
    search = new SearchFreeSlots(db.dataSource, audit, clock);
  });

  /** A clinic admin of a hospital of its own, so tests do not see each other's supply. */
  const aHospitalAdmin = (overrides: Partial<Principal> = {}) =>
    aClinicAdmin({ orgId: `org-hospital-${randomUUID().slice(0, 8)}`, ...overrides });

  const count = async (sql: string, params: unknown[] = []) =>
    Number(((await db.dataSource.query(sql, params)) as { n: string }[])[0]!.n);

  const eventsAbout = (subjectId: string) => eventsInOutbox(db.dataSource, { key: subjectId });

  /** A registered provider with one site and one respiratory schedule on it. */
  async function aProviderSchedule(
    admin = aHospitalAdmin(),
    name = 'Respiratory clinic',
  ): Promise<ScheduleView> {
    await registerOrganisation.execute(admin, { name: 'St Elsewhere Hospital NHS Trust' });
    const site = await createSite.execute(
      admin,
      {
        name: `Outpatients ${randomUUID().slice(0, 4)}`,
        address: 'Outpatients B, St Elsewhere Hospital, Lower Road',
      },
      undefined,
    );
    const schedule = await createSchedule.execute(
      admin,
      { siteId: site.result.id, kind: 'clinic', name, serviceType: 'respiratory' },
      undefined,
    );
    return schedule.result;
  }

  const twentyMinutes = (startsAt: string) => ({
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 20 * 60_000).toISOString(),
  });

  describe('organisations, sites and schedules', () => {
    it("registers the caller's organisation with the kind from its token; registering again renames it", async () => {
      const admin = aHospitalAdmin();
      expect(await registerOrganisation.execute(admin, { name: 'St Elsewhere' })).toEqual({
        id: admin.orgId,
        name: 'St Elsewhere',
        kind: 'hospital',
      });
      await registerOrganisation.execute(admin, { name: 'St Elsewhere Hospital NHS Trust' });
      expect(
        await db.dataSource.query(`SELECT name, kind, updated_by FROM booking.organisation WHERE id = $1`, [
          admin.orgId,
        ]),
      ).toEqual([{ name: 'St Elsewhere Hospital NHS Trust', kind: 'hospital', updated_by: admin.userId }]);
    });

    it('refuses a commissioner, which offers no slots, and writes nothing', async () => {
      const commissioner = aHospitalAdmin({ orgKind: 'commissioner', roles: ['admin'] });
      await expect(
        registerOrganisation.execute(commissioner, { name: 'Borough Council' }),
      ).rejects.toMatchObject({
        code: 'NOT_A_PROVIDER',
        status: 403,
      });
      expect(
        await count(`SELECT count(*) AS n FROM booking.organisation WHERE id = $1`, [commissioner.orgId]),
      ).toBe(0);
    });

    it('needs the organisation registered before it adds a site or a schedule (409), and adds nothing', async () => {
      const admin = aHospitalAdmin();
      await expect(
        createSite.execute(admin, { name: 'Outpatients', address: 'Lower Road' }, undefined),
      ).rejects.toMatchObject({
        code: 'ORGANISATION_NOT_REGISTERED',
        status: 409,
      });
      await expect(
        createSchedule.execute(
          admin,
          { siteId: randomUUID(), kind: 'clinic', name: 'Chest', serviceType: 'respiratory' },
          undefined,
        ),
      ).rejects.toMatchObject({ code: 'ORGANISATION_NOT_REGISTERED' });
      expect(await count(`SELECT count(*) AS n FROM booking.site WHERE org_id = $1`, [admin.orgId])).toBe(0);
    });

    it('adds sites and schedules to the organisation; a duplicate name is a clear 409; a retried key returns the first', async () => {
      const admin = aHospitalAdmin();
      await registerOrganisation.execute(admin, { name: 'St Elsewhere' });
      const key = randomUUID();
      const site = await createSite.execute(
        admin,
        { name: 'Outpatients B', address: 'Lower Road, Exampletown' },
        key,
      );
      expect(site.result).toEqual({
        id: expect.any(String),
        orgId: admin.orgId,
        name: 'Outpatients B',
        address: 'Lower Road, Exampletown',
      });
      expect(
        await createSite.execute(admin, { name: 'Outpatients B', address: 'Lower Road, Exampletown' }, key),
      ).toEqual({
        replayed: true,
        result: site.result,
      });
      await expect(
        createSite.execute(admin, { name: 'Outpatients B', address: 'Another road' }, undefined),
      ).rejects.toMatchObject({ code: 'SITE_NAME_TAKEN', status: 409 });

      const body = {
        siteId: site.result.id,
        kind: 'clinic' as const,
        name: 'Chest clinic',
        serviceType: 'respiratory',
      };
      const schedule = await createSchedule.execute(admin, body, undefined);
      expect(schedule.result).toEqual({
        id: expect.any(String),
        orgId: admin.orgId,
        siteId: site.result.id,
        siteName: 'Outpatients B',
        address: 'Lower Road, Exampletown',
        kind: 'clinic',
        name: 'Chest clinic',
        serviceType: 'respiratory',
      });
      await expect(createSchedule.execute(admin, body, undefined)).rejects.toMatchObject({
        code: 'SCHEDULE_NAME_TAKEN',
        status: 409,
      });
      expect(await count(`SELECT count(*) AS n FROM booking.site WHERE org_id = $1`, [admin.orgId])).toBe(1);
      expect(await count(`SELECT count(*) AS n FROM booking.schedule WHERE org_id = $1`, [admin.orgId])).toBe(
        1,
      );
    });

    it("refuses a schedule on an unknown site and on another organisation's site alike, adding nothing", async () => {
      const theirs = await aProviderSchedule();
      const admin = aHospitalAdmin();
      await registerOrganisation.execute(admin, { name: 'Northgate Hospital' });
      const body = { kind: 'clinic' as const, name: 'Chest clinic', serviceType: 'respiratory' };
      const unknown = await createSchedule
        .execute(admin, { ...body, siteId: randomUUID() }, undefined)
        .catch((e: unknown) => e);
      const foreign = await createSchedule
        .execute(admin, { ...body, siteId: theirs.siteId }, undefined)
        .catch((e: unknown) => e);
      expect(unknown).toMatchObject({ code: 'SITE_NOT_FOUND', status: 404 });
      expect(foreign).toMatchObject({ code: 'SITE_NOT_FOUND', status: 404 });
      expect(await count(`SELECT count(*) AS n FROM booking.schedule WHERE org_id = $1`, [admin.orgId])).toBe(
        0,
      );
    });

    it('lists sites and schedules by organisation, service type and site', async () => {
      const admin = aHospitalAdmin();
      const chest = await aProviderSchedule(admin, 'Chest clinic');
      const liver = await createSchedule.execute(
        admin,
        { siteId: chest.siteId, kind: 'practitioner', name: 'Dr Ada Khan', serviceType: 'hepatology' },
        undefined,
      );
      await aProviderSchedule(); // another organisation's

      expect((await listSites.execute({ orgId: admin.orgId })).map((s) => s.id)).toEqual([chest.siteId]);
      expect((await listSchedules.execute({ orgId: admin.orgId })).map((s) => s.name)).toEqual([
        'Chest clinic',
        'Dr Ada Khan',
      ]);
      expect(await listSchedules.execute({ orgId: admin.orgId, serviceType: 'hepatology' })).toEqual([
        liver.result,
      ]);
      expect((await listSchedules.execute({ siteId: chest.siteId })).map((s) => s.id).sort()).toEqual(
        [chest.id, liver.result.id].sort(),
      );
      expect((await listSchedules.execute({ serviceType: 'respiratory' })).length).toBeGreaterThan(1);
    });
  });

  describe('publishing slots onto a schedule', () => {
    it("copies the schedule's provider, service type and site address onto each slot; one slots.published.v1 keyed by the schedule", async () => {
      const admin = aHospitalAdmin();
      const schedule = await aProviderSchedule(admin);
      const body = publishSlotsBody.parse({
        scheduleId: schedule.id,
        slots: [
          twentyMinutes('2026-12-03T10:00:00Z'),
          { ...twentyMinutes('2026-12-03T09:00:00Z'), capacity: 3 },
        ],
      });
      const { result } = await publish.execute(admin, body, undefined);

      expect(result.published).toBe(2);
      expect(result.slots[1]).toEqual({
        id: expect.any(String),
        scheduleId: schedule.id,
        siteId: schedule.siteId,
        orgId: admin.orgId,
        serviceType: 'respiratory',
        providerName: 'Respiratory clinic',
        location: 'Outpatients B, St Elsewhere Hospital, Lower Road',
        startsAt: '2026-12-03T09:00:00.000Z',
        endsAt: '2026-12-03T09:20:00.000Z',
        capacity: 3,
        free: 3,
        status: 'open',
        reservation: null,
      });
      const [published, ...more] = await eventsAbout(schedule.id);
      expect(more).toEqual([]);
      expect(published).toMatchObject({
        type: 'slots.published.v1',
        orgId: admin.orgId,
        subjectId: schedule.id,
      });
      expect(slotsPublishedV1.data.parse(published!.data)).toEqual({
        scheduleId: schedule.id,
        slotIds: [result.slots[1]!.id, result.slots[0]!.id],
        siteId: schedule.siteId,
        serviceType: 'respiratory',
        ruleId: null,
        firstStartsAt: '2026-12-03T09:00:00.000Z',
        lastStartsAt: '2026-12-03T10:00:00.000Z',
        seats: 4,
      });
    });

    it('a reserved publication sets who may book and when it is released, and adds slots.reserved.v1 too', async () => {
      const admin = aHospitalAdmin();
      const schedule = await aProviderSchedule(admin);
      // Riverside is known to booking through its clients.
      await aBookingClient(db.dataSource.manager, { orgId: RIVERSIDE_CDAS });
      const reservedFor = { kind: 'organisation' as const, orgId: RIVERSIDE_CDAS };
      const { result } = await publish.execute(
        admin,
        publishSlotsBody.parse({
          scheduleId: schedule.id,
          slots: [twentyMinutes('2026-12-10T09:00:00Z')],
          reservation: { reservedFor, releaseBeforeMinutes: 2880 },
        }),
        undefined,
      );
      expect(result.slots[0]!.reservation).toEqual({ reservedFor, releaseAt: '2026-12-08T09:00:00.000Z' });
      const rows = await db.dataSource.query(
        `SELECT reserved_for, release_at FROM booking.slot WHERE id = $1`,
        [result.slots[0]!.id],
      );
      expect(rows).toEqual([{ reserved_for: reservedFor, release_at: new Date('2026-12-08T09:00:00Z') }]);
      const events = await eventsAbout(schedule.id);
      expect(events.map((e) => e.type)).toEqual(['slots.published.v1', 'slots.reserved.v1']);
      expect(slotsReservedV1.data.parse(events[1]!.data)).toEqual({
        scheduleId: schedule.id,
        slotIds: [result.slots[0]!.id],
        reservedFor,
        releaseBeforeMinutes: 2880,
      });
    });

    it('refuses a reservation for its own organisation, for one booking does not know, or released already; publishes none', async () => {
      const admin = aHospitalAdmin();
      const schedule = await aProviderSchedule(admin);
      await aBookingClient(db.dataSource.manager, { orgId: RIVERSIDE_CDAS });
      const attempt = (reservation: unknown, slots = [twentyMinutes('2026-12-10T09:00:00Z')]) =>
        publish
          .execute(admin, publishSlotsBody.parse({ scheduleId: schedule.id, slots, reservation }), undefined)
          .catch((e: unknown) => e);

      expect(await attempt({ reservedFor: { kind: 'organisation', orgId: admin.orgId } })).toMatchObject({
        code: 'RESERVATION_FOR_OWN_ORGANISATION',
        status: 422,
        extensions: { errors: [{ path: 'reservation.reservedFor.orgId' }] },
      });
      expect(
        await attempt({ reservedFor: { kind: 'organisation', orgId: 'org-riverside-cdsa' } }),
      ).toMatchObject({
        code: 'RESERVATION_TARGET_UNKNOWN',
        status: 422,
        extensions: { errors: [{ path: 'reservation.reservedFor.orgId' }] },
      });
      // Now is 30 November 09:00: a two-day lead has passed for a slot on 2 December at 09:00 or earlier.
      const leadPassed = await attempt(
        { reservedFor: { kind: 'all_cdas' }, releaseBeforeMinutes: 2 * 24 * 60 },
        [
          twentyMinutes('2026-12-10T09:00:00Z'),
          twentyMinutes('2026-12-02T09:00:00Z'),
          twentyMinutes('2026-12-01T15:00:00Z'),
          twentyMinutes('2026-12-02T09:20:00Z'),
        ],
      );
      expect(leadPassed).toMatchObject({
        code: 'RELEASE_TIME_PASSED',
        status: 422,
        extensions: { indexes: [1, 2] },
      });
      expect(
        await count(`SELECT count(*) AS n FROM booking.slot WHERE schedule_id = $1`, [schedule.id]),
      ).toBe(0);
      expect(await eventsAbout(schedule.id)).toEqual([]);

      // A registered organisation is known too (here a CDAS running in-reach clinics).
      const northgate = aHospitalAdmin({ orgKind: 'cdas', roles: ['inreach_coordinator'] });
      await registerOrganisation.execute(northgate, { name: 'Northgate CDAS' });
      const { result } = await publish.execute(
        admin,
        publishSlotsBody.parse({
          scheduleId: schedule.id,
          slots: [twentyMinutes('2026-12-10T09:00:00Z')],
          reservation: { reservedFor: { kind: 'organisation', orgId: northgate.orgId } },
        }),
        undefined,
      );
      expect(result.slots[0]!.reservation).toEqual({
        reservedFor: { kind: 'organisation', orgId: northgate.orgId },
        releaseAt: null,
      });
    });

    it('a retried publication with the same Idempotency-Key returns the first result and publishes nothing more', async () => {
      const admin = aHospitalAdmin();
      const schedule = await aProviderSchedule(admin);
      const body = publishSlotsBody.parse({
        scheduleId: schedule.id,
        slots: [twentyMinutes('2026-12-04T09:00:00Z')],
      });
      const key = randomUUID();
      const first = await publish.execute(admin, body, key);
      expect(await publish.execute(admin, body, key)).toEqual({ replayed: true, result: first.result });
      expect(
        await count(`SELECT count(*) AS n FROM booking.slot WHERE schedule_id = $1`, [schedule.id]),
      ).toBe(1);
      expect(await eventsAbout(schedule.id)).toHaveLength(1);
    });

    it("refuses another organisation's schedule exactly like an unknown one, and changes nothing", async () => {
      const theirs = await aProviderSchedule();
      const admin = aHospitalAdmin();
      await aProviderSchedule(admin);
      const slots = [twentyMinutes('2026-12-04T09:00:00Z')];
      const foreign = await publish
        .execute(admin, publishSlotsBody.parse({ scheduleId: theirs.id, slots }), randomUUID())
        .catch((e: unknown) => e);
      const unknown = await publish
        .execute(admin, publishSlotsBody.parse({ scheduleId: randomUUID(), slots }), randomUUID())
        .catch((e: unknown) => e);
      expect(foreign).toMatchObject({
        code: 'SCHEDULE_NOT_FOUND',
        status: 404,
        detail: `No schedule ${theirs.id}`,
      });
      expect(unknown).toMatchObject({ code: 'SCHEDULE_NOT_FOUND', status: 404 });
      expect(await count(`SELECT count(*) AS n FROM booking.slot WHERE schedule_id = $1`, [theirs.id])).toBe(
        0,
      );
      expect(await count(`SELECT count(*) AS n FROM booking.slot WHERE org_id = $1`, [admin.orgId])).toBe(0);
      expect(await eventsAbout(theirs.id)).toEqual([]);
    });

    it('refuses slots in the past, and slots in an exception of the schedule naming them; publishes none', async () => {
      const admin = aHospitalAdmin();
      const schedule = await aProviderSchedule(admin);
      await addException.execute(
        admin,
        schedule.id,
        {
          startsAt: '2026-12-25T00:00:00Z',
          endsAt: '2026-12-27T00:00:00Z',
          reason: 'Christmas bank holidays',
        },
        undefined,
      );
      const past = await publish
        .execute(
          admin,
          publishSlotsBody.parse({ scheduleId: schedule.id, slots: [twentyMinutes('2026-11-30T08:00:00Z')] }),
          undefined,
        )
        .catch((e: unknown) => e);
      expect(past).toMatchObject({ code: 'SLOT_IN_THE_PAST', status: 422 });

      const excepted = await publish
        .execute(
          admin,
          publishSlotsBody.parse({
            scheduleId: schedule.id,
            slots: [
              twentyMinutes('2026-12-24T09:00:00Z'),
              twentyMinutes('2026-12-25T09:00:00Z'),
              { startsAt: '2026-12-26T23:50:00Z', endsAt: '2026-12-27T00:10:00Z' },
              twentyMinutes('2026-12-27T00:00:00Z'),
            ],
          }),
          undefined,
        )
        .catch((e: unknown) => e);
      expect(excepted).toMatchObject({
        code: 'SLOTS_IN_EXCEPTION',
        status: 422,
        detail: 'Slot(s) 1, 2 fall in an exception of the schedule',
        extensions: {
          errors: [
            { path: 'slots.1', message: 'falls in the exception "Christmas bank holidays"' },
            { path: 'slots.2', message: 'falls in the exception "Christmas bank holidays"' },
          ],
        },
      });
      expect(
        await count(`SELECT count(*) AS n FROM booking.slot WHERE schedule_id = $1`, [schedule.id]),
      ).toBe(0);
    });
  });

  describe('one slot at a time on a schedule', () => {
    const publishOn = (admin: Principal, scheduleId: string, slots: { startsAt: string; endsAt: string }[]) =>
      publish.execute(admin, publishSlotsBody.parse({ scheduleId, slots }), undefined);

    it('refuses slots overlapping each other or an open slot of the schedule (422, naming both), publishing none', async () => {
      const admin = aHospitalAdmin();
      const schedule = await aProviderSchedule(admin);
      const otherSchedule = await aProviderSchedule(admin, 'Chest clinic');
      const { result: existing } = await publishOn(admin, schedule.id, [
        twentyMinutes('2026-12-07T09:00:00Z'),
        twentyMinutes('2026-12-07T10:00:00Z'),
      ]);
      const [nine, ten] = existing.slots;
      await withdraw.execute(admin, { slotIds: [ten!.id], reason: 'Clinic starts later' });
      await publishOn(admin, otherSchedule.id, [twentyMinutes('2026-12-07T11:00:00Z')]);
      const before = await count(`SELECT count(*) AS n FROM booking.slot WHERE schedule_id = $1`, [
        schedule.id,
      ]);

      const refused = await publishOn(admin, schedule.id, [
        twentyMinutes('2026-12-07T09:20:00Z'), // touches the 09:00 slot: fine
        twentyMinutes('2026-12-07T09:30:00Z'), // overlaps slot 0 of the request
        twentyMinutes('2026-12-07T08:50:00Z'), // overlaps the open 09:00 slot
        twentyMinutes('2026-12-07T10:00:00Z'), // where a withdrawn slot was: fine
        twentyMinutes('2026-12-07T11:00:00Z'), // another schedule's time: fine
        twentyMinutes('2026-12-07T09:00:00Z'), // the open 09:00 slot again
      ]).catch((e: unknown) => e);

      expect(refused).toMatchObject({
        code: 'SLOTS_OVERLAP',
        status: 422,
        extensions: {
          indexes: [1, 2, 5],
          slotIds: [nine!.id],
          errors: [
            { path: 'slots.1', message: 'overlaps slots.0 of this request' },
            { path: 'slots.2', message: `overlaps the open slot ${nine!.id}` },
            { path: 'slots.5', message: `overlaps the open slot ${nine!.id}` },
          ],
        },
      });
      expect(
        await count(`SELECT count(*) AS n FROM booking.slot WHERE schedule_id = $1`, [schedule.id]),
      ).toBe(before);

      const { result } = await publishOn(admin, schedule.id, [
        twentyMinutes('2026-12-07T09:20:00Z'),
        twentyMinutes('2026-12-07T10:00:00Z'),
      ]);
      expect(result.published).toBe(2);
    });

    it('two publications of overlapping slots at the same moment: exactly one is published', async () => {
      const admin = aHospitalAdmin();
      const schedules = await Promise.all(
        Array.from({ length: 8 }, (_, i) => aProviderSchedule(admin, `Clinic ${i}`)),
      );
      const outcomes = await Promise.all(
        schedules.map((schedule) =>
          Promise.allSettled([
            publishOn(admin, schedule.id, [twentyMinutes('2026-12-09T09:00:00Z')]),
            publishOn(admin, schedule.id, [
              { startsAt: '2026-12-09T09:10:00Z', endsAt: '2026-12-09T09:40:00Z' },
            ]),
          ]),
        ),
      );
      for (const [i, pair] of outcomes.entries()) {
        expect(pair.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
        expect(pair.find((o) => o.status === 'rejected')).toMatchObject({
          reason: { code: 'SLOTS_OVERLAP' },
        });
        expect(
          await count(`SELECT count(*) AS n FROM booking.slot WHERE schedule_id = $1`, [schedules[i]!.id]),
        ).toBe(1);
      }
    });
  });

  describe("a clinic's view of its own schedule", () => {
    it('lists every slot of the window, any status, with seats held and booked and the reservation, reserved-for-all-CDAS ones too', async () => {
      const admin = aHospitalAdmin();
      const schedule = await aProviderSchedule(admin);
      const publishOn = async (slots: unknown[], reservation?: unknown) =>
        (
          await publish.execute(
            admin,
            publishSlotsBody.parse({ scheduleId: schedule.id, slots, reservation }),
            undefined,
          )
        ).result.slots;
      const [forAllCdas] = await publishOn([twentyMinutes('2026-12-01T09:00:00Z')], {
        reservedFor: { kind: 'all_cdas' },
        releaseBeforeMinutes: 60,
      });
      const [group, withdrawn, afterFourWeeks] = await publishOn([
        { ...twentyMinutes('2026-12-01T09:20:00Z'), capacity: 3 },
        twentyMinutes('2026-12-01T09:40:00Z'),
        twentyMinutes('2026-12-28T09:00:00Z'),
      ]);
      const slotBody = async (slotId: string) =>
        bookAppointmentBody.parse({
          slotId,
          clientId: (await aBookingClient(db.dataSource.manager)).clientId,
        });
      await book.execute(aPrincipal(), await slotBody(group!.id), undefined);
      await hold.execute(aPrincipal(), await slotBody(group!.id), undefined);
      await withdraw.execute(admin, { slotIds: [withdrawn!.id], reason: 'Consultant on leave' });

      // Default: today (30 November, from midnight) and the next 27 days; 28 December is outside.
      const view = await listScheduleSlots.execute(admin, schedule.id, scheduleSlotsQuery.parse({}));
      expect(view).toMatchObject({
        scheduleId: schedule.id,
        from: '2026-11-30T00:00:00.000Z',
        to: '2026-12-28T00:00:00.000Z',
        truncated: false,
      });
      expect(view.slots).toEqual([
        {
          id: forAllCdas!.id,
          ruleId: null,
          startsAt: '2026-12-01T09:00:00.000Z',
          endsAt: '2026-12-01T09:20:00.000Z',
          capacity: 1,
          taken: 0,
          free: 1,
          seats: { held: 0, booked: 0 },
          status: 'open',
          withdrawnReason: null,
          withdrawnAt: null,
          reservation: {
            reservedFor: { kind: 'all_cdas' },
            releaseAt: '2026-12-01T08:00:00.000Z',
            releasedAt: null,
          },
        },
        expect.objectContaining({
          id: group!.id,
          capacity: 3,
          taken: 2,
          free: 1,
          seats: { held: 1, booked: 1 },
          reservation: null,
        }),
        expect.objectContaining({
          id: withdrawn!.id,
          status: 'withdrawn',
          withdrawnReason: 'Consultant on leave',
          withdrawnAt: '2026-11-30T09:00:00.000Z',
        }),
      ]);
      expect(JSON.stringify(view)).not.toMatch(/clientId|Sam|Taylor/);
      // A search by the clinic itself leaves out the CDAS reservation; its own view does not.
      const searched = await search.execute(admin, searchSlotsQuery.parse({ scheduleId: schedule.id }));
      expect(searched.slots.map((s) => s.id)).toEqual([group!.id]);

      const later = await listScheduleSlots.execute(
        admin,
        schedule.id,
        scheduleSlotsQuery.parse({ from: '2026-12-01T09:30:00Z', to: '2027-01-01T00:00:00Z' }),
      );
      expect(later.slots.map((s) => s.id)).toEqual([withdrawn!.id, afterFourWeeks!.id]);
      const onlyWithdrawn = await listScheduleSlots.execute(
        admin,
        schedule.id,
        scheduleSlotsQuery.parse({ status: 'withdrawn' }),
      );
      expect(onlyWithdrawn.slots.map((s) => s.id)).toEqual([withdrawn!.id]);
    });

    it("refuses another organisation's schedule like an unknown one, and a window over 92 days", async () => {
      const theirs = await aProviderSchedule();
      const admin = aHospitalAdmin();
      const own = await aProviderSchedule(admin);
      const all = scheduleSlotsQuery.parse({});
      await expect(listScheduleSlots.execute(admin, theirs.id, all)).rejects.toMatchObject({
        code: 'SCHEDULE_NOT_FOUND',
        status: 404,
        detail: `No schedule ${theirs.id}`,
      });
      await expect(listScheduleSlots.execute(admin, randomUUID(), all)).rejects.toMatchObject({
        code: 'SCHEDULE_NOT_FOUND',
      });
      // 92 London days from 1 December 00:00 GMT is 3 March 2027 00:00 GMT.
      const window = (to: string) => scheduleSlotsQuery.parse({ from: '2026-12-01T00:00:00Z', to });
      await expect(
        listScheduleSlots.execute(admin, own.id, window('2027-03-03T00:00:01Z')),
      ).rejects.toMatchObject({
        code: 'WINDOW_TOO_LONG',
        status: 422,
        extensions: { errors: [{ path: 'to' }] },
      });
      expect((await listScheduleSlots.execute(admin, own.id, window('2027-03-03T00:00:00Z'))).slots).toEqual(
        [],
      );
    });
  });

  describe('withdrawing slots', () => {
    async function threeSlots(admin: Principal) {
      const schedule = await aProviderSchedule(admin);
      const { result } = await publish.execute(
        admin,
        publishSlotsBody.parse({
          scheduleId: schedule.id,
          slots: ['2026-12-08T09:00:00Z', '2026-12-08T09:20:00Z', '2026-12-08T09:40:00Z'].map(twentyMinutes),
        }),
        undefined,
      );
      return { schedule, slots: result.slots };
    }

    const bookedBy = async (slotId: string) => {
      const client = await aBookingClient(db.dataSource.manager);
      return book.execute(
        aPrincipal(),
        bookAppointmentBody.parse({ slotId, clientId: client.clientId }),
        undefined,
      );
    };

    const statuses = async (ids: string[]) =>
      (
        (await db.dataSource.query(
          `SELECT id, status, taken FROM booking.slot WHERE id = ANY($1) ORDER BY starts_at`,
          [ids],
        )) as { status: string; taken: number }[]
      ).map((r) => `${r.status}/${r.taken}`);

    it('withdraws free slots with slots.withdrawn.v1; a retry withdraws nothing more and says so', async () => {
      const admin = aHospitalAdmin();
      const { schedule, slots } = await threeSlots(admin);
      const ids = [slots[0]!.id, slots[2]!.id];
      expect(await withdraw.execute(admin, { slotIds: ids, reason: 'Clinic moved to Thursday' })).toEqual({
        withdrawn: 2,
      });
      expect(await statuses(slots.map((s) => s.id))).toEqual(['withdrawn/0', 'open/0', 'withdrawn/0']);
      const withdrawn = (await eventsAbout(schedule.id)).filter((e) => e.type === 'slots.withdrawn.v1');
      expect(withdrawn).toHaveLength(1);
      expect(withdrawn[0]).toMatchObject({ orgId: admin.orgId, actor: { kind: 'user', id: admin.userId } });
      expect(slotsWithdrawnV1.data.parse(withdrawn[0]!.data)).toEqual({
        scheduleId: schedule.id,
        slotIds: ids,
        reason: 'Clinic moved to Thursday',
        exceptionId: null,
      });

      expect(await withdraw.execute(admin, { slotIds: ids, reason: 'Clinic moved to Thursday' })).toEqual({
        withdrawn: 0,
      });
      expect((await eventsAbout(schedule.id)).filter((e) => e.type === 'slots.withdrawn.v1')).toHaveLength(1);
    });

    it("all or none: a slot with a booked seat refuses the whole withdrawal (409, naming it); another organisation's slot is unknown", async () => {
      const admin = aHospitalAdmin();
      const { slots } = await threeSlots(admin);
      await bookedBy(slots[1]!.id);
      const taken = await withdraw
        .execute(admin, { slotIds: slots.map((s) => s.id), reason: 'Leave' })
        .catch((e: unknown) => e);
      expect(taken).toMatchObject({
        code: 'SLOTS_TAKEN',
        status: 409,
        extensions: { slotIds: [slots[1]!.id] },
      });

      const theirs = (await threeSlots(aHospitalAdmin())).slots[0]!;
      const foreign = await withdraw
        .execute(admin, { slotIds: [slots[0]!.id, theirs.id], reason: 'Leave' })
        .catch((e: unknown) => e);
      expect(foreign).toMatchObject({
        code: 'SLOTS_NOT_FOUND',
        status: 404,
        extensions: { slotIds: [theirs.id] },
      });

      clock.set('2026-12-08T09:30:00Z');
      try {
        const started = await withdraw
          .execute(admin, { slotIds: [slots[0]!.id, slots[2]!.id], reason: 'Leave' })
          .catch((e: unknown) => e);
        expect(started).toMatchObject({
          code: 'SLOTS_ALREADY_STARTED',
          extensions: { slotIds: [slots[0]!.id] },
        });
      } finally {
        clock.set('2026-11-30T09:00:00Z');
      }
      expect(await statuses(slots.map((s) => s.id))).toEqual(['open/0', 'open/1', 'open/0']);
      expect(await statuses([theirs.id])).toEqual(['open/0']);
    });

    it('a withdrawal racing bookings of its slots: each slot is either withdrawn or booked, never both, and never half a withdrawal', async () => {
      const admin = aHospitalAdmin();
      const pairs = await Promise.all(Array.from({ length: 8 }, () => threeSlots(admin)));
      const clients = await Promise.all(pairs.map(() => aBookingClient(db.dataSource.manager)));
      const outcomes = await Promise.all(
        pairs.map(async ({ slots }, i) => {
          const ids = [slots[0]!.id, slots[1]!.id];
          const [withdrawal, booking] = await Promise.allSettled([
            withdraw.execute(admin, { slotIds: ids, reason: 'Clinic cancelled' }),
            book.execute(
              aPrincipal(),
              bookAppointmentBody.parse({ slotId: ids[1]!, clientId: clients[i]!.clientId }),
              undefined,
            ),
          ]);
          return { ids, withdrawal, booking };
        }),
      );
      for (const { ids, withdrawal, booking } of outcomes) {
        const state = await statuses(ids);
        if (withdrawal.status === 'fulfilled') {
          expect(withdrawal.value).toEqual({ withdrawn: 2 });
          expect(booking).toMatchObject({ status: 'rejected', reason: { code: 'SLOT_WITHDRAWN' } });
          expect(state).toEqual(['withdrawn/0', 'withdrawn/0']);
        } else {
          expect(withdrawal.reason).toMatchObject({ code: 'SLOTS_TAKEN' });
          expect(booking.status).toBe('fulfilled');
          expect(state).toEqual(['open/0', 'open/1']);
        }
      }
      expect(
        await count(
          `SELECT count(*) AS n FROM booking.appointment a JOIN booking.slot s ON s.id = a.slot_id
            WHERE s.status = 'withdrawn' AND a.status IN ('held', 'booked')`,
        ),
      ).toBe(0);
    });
  });
});
