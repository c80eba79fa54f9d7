import { randomUUID } from 'node:crypto';
import type { Principal } from '@careloop/auth';
import type { ReservedFor } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { ManualClock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { ReleaseDueReservations, RELEASE_BATCH_SIZE } from '../../src/reservation/release-due-reservations';
import { ReleaseReservations } from '../../src/reservation/release-reservations';
import { ReservationUsage } from '../../src/reservation/reservation-usage';
import { releaseReservationsBody, reserveSlotsBody } from '../../src/reservation/reservation.dto';
import { ReserveSlots } from '../../src/reservation/reserve-slots';
import type { Schedule } from '../../src/schedule/schedule.entity';
import { MAX_RELEASE_BEFORE_MINUTES } from '../../src/slot/slot.dto';
import type { Slot } from '../../src/slot/slot.entity';
import { useBookingDatabase } from '../support/booking-database';
import {
  aBookingClient,
  aClinicAdmin,
  aSchedule,
  aSlotOn,
  RIVERSIDE_CDAS,
  ST_ELSEWHERE,
} from '../support/booking-fixtures';
import { eventsInOutbox } from '../support/events-in-outbox';

const OTHER_HOSPITAL = 'org-northern-general';
const FOR_RIVERSIDE: ReservedFor = { kind: 'organisation', orgId: RIVERSIDE_CDAS };
const FOR_ALL_CDAS: ReservedFor = { kind: 'all_cdas' };
const MINUTE = 60_000;

interface SlotState {
  reserved_for: ReservedFor | null;
  release_at: Date | null;
  released_at: Date | null;
}

/** Reserved capacity on real Postgres: all or none, the release job, and what the clinic is shown. */
describe('reserved slots', () => {
  const db = useBookingDatabase('booking_reservations', { poolSize: 10 });
  const clock = new ManualClock('2026-11-30T09:00:00Z');
  const clinic = aClinicAdmin();
  let reserve: ReserveSlots;
  let release: ReleaseReservations;
  let usage: ReservationUsage;
  let releaseDue: ReleaseDueReservations;
  let respiratory: Schedule;
  let hepatology: Schedule;

  beforeAll(async () => {
    const outbox = new Outbox(BOOKING_SCHEMA, clock);
    reserve = new ReserveSlots(db.dataSource, outbox, clock);
    release = new ReleaseReservations(db.dataSource, outbox, clock);
    usage = new ReservationUsage(db.dataSource, clock);
    releaseDue = new ReleaseDueReservations(db.dataSource, outbox);
    // Riverside is known to booking through its clients; a reservation may only name a known organisation.
    await db.transaction((m) => aBookingClient(m, { orgId: RIVERSIDE_CDAS }));
  });

  beforeEach(async () => {
    clock.set('2026-11-30T09:00:00Z');
    // Each test owns the slots and events it counts: the release job looks at every slot.
    await db.dataSource.query(
      `TRUNCATE booking.session_move, booking.appointment, booking.slot, booking.outbox`,
    );
    respiratory = await db.transaction((m) => aSchedule(m, { serviceType: 'respiratory' }));
    hepatology = await db.transaction((m) =>
      aSchedule(m, { serviceType: 'hepatology', name: 'Liver clinic' }),
    );
  });

  const slotOn = (
    schedule: Schedule,
    startsAt: string,
    options: Omit<Parameters<typeof aSlotOn>[2], 'startsAt'> = {},
  ) => db.transaction((m) => aSlotOn(m, schedule, { startsAt, ...options }));

  const stateOf = async (slot: Pick<Slot, 'id'>): Promise<SlotState> => {
    const rows: SlotState[] = await db.dataSource.query(
      `SELECT reserved_for, release_at, released_at FROM booking.slot WHERE id = $1`,
      [slot.id],
    );
    return rows[0]!;
  };

  const events = (type: string) => eventsInOutbox<Record<string, unknown>>(db.dataSource, { type });

  const setSlot = (slot: Pick<Slot, 'id'>, assignments: string, ...params: unknown[]) =>
    db.dataSource.query(`UPDATE booking.slot SET ${assignments} WHERE id = $1`, [slot.id, ...params]);

  /** A seat of the slot taken by an appointment written straight into the table. */
  async function anAppointmentIn(
    slot: Pick<Slot, 'id'>,
    options: {
      underReservation: boolean;
      status?: 'booked' | 'cancelled';
      seat?: number;
      attendance?: string;
    },
  ): Promise<void> {
    const status = options.status ?? 'booked';
    await db.dataSource.query(
      `INSERT INTO booking.appointment (id, org_id, slot_id, seat, client_id, status, booked_by, booked_at,
         under_reservation, attendance)
       VALUES ($1, $2, $3, $4, $5, $6, 'user-drug-worker', $7, $8, $9)`,
      [
        randomUUID(),
        RIVERSIDE_CDAS,
        slot.id,
        options.seat ?? 1,
        randomUUID(),
        status,
        clock.now(),
        options.underReservation,
        options.attendance ?? null,
      ],
    );
    if (status === 'booked') await setSlot(slot, 'taken = taken + 1');
  }

  const reserveBody = (slots: Pick<Slot, 'id'>[], reservedFor: ReservedFor, releaseBeforeMinutes?: number) =>
    reserveSlotsBody.parse({ slotIds: slots.map((s) => s.id), reservedFor, releaseBeforeMinutes });

  describe('reserving', () => {
    it('reserves future open slots for an organisation, with a release time, one event per schedule', async () => {
      const later = await slotOn(respiratory, '2026-12-10T10:00:00Z');
      const sooner = await slotOn(respiratory, '2026-12-03T10:00:00Z');
      const liver = await slotOn(hepatology, '2026-12-04T14:00:00Z');
      // A reservation the clinic released earlier starts afresh when reserved again.
      await setSlot(liver, `reserved_for = '{"kind":"all_cdas"}', released_at = $2`, clock.now());

      const result = await reserve.execute(
        clinic,
        reserveBody([later, sooner, liver], FOR_RIVERSIDE, 2 * 24 * 60),
      );

      expect(result).toEqual({ reserved: 3 });
      expect(await stateOf(sooner)).toEqual({
        reserved_for: FOR_RIVERSIDE,
        release_at: new Date('2026-12-01T10:00:00Z'),
        released_at: null,
      });
      expect(await stateOf(liver)).toEqual({
        reserved_for: FOR_RIVERSIDE,
        release_at: new Date('2026-12-02T14:00:00Z'),
        released_at: null,
      });
      const reserved = await events('slots.reserved.v1');
      expect(reserved.map((e) => [e.subjectId, e.orgId, e.data])).toEqual(
        expect.arrayContaining([
          [
            respiratory.id,
            ST_ELSEWHERE,
            {
              scheduleId: respiratory.id,
              slotIds: [sooner.id, later.id],
              reservedFor: FOR_RIVERSIDE,
              releaseBeforeMinutes: 2880,
            },
          ],
          [
            hepatology.id,
            ST_ELSEWHERE,
            {
              scheduleId: hepatology.id,
              slotIds: [liver.id],
              reservedFor: FOR_RIVERSIDE,
              releaseBeforeMinutes: 2880,
            },
          ],
        ]),
      );
      expect(reserved).toHaveLength(2);
    });

    it('without releaseBeforeMinutes the reservation is kept until the clinic releases it', async () => {
      const slot = await slotOn(respiratory, '2026-12-03T10:00:00Z');
      await reserve.execute(clinic, reserveBody([slot], FOR_ALL_CDAS));
      expect(await stateOf(slot)).toEqual({
        reserved_for: FOR_ALL_CDAS,
        release_at: null,
        released_at: null,
      });
      expect((await events('slots.reserved.v1'))[0]!.data).toMatchObject({ releaseBeforeMinutes: null });
    });

    it("refuses the whole request when one slot is another organisation's or unknown: nothing changes", async () => {
      const own = await slotOn(respiratory, '2026-12-03T10:00:00Z');
      const otherSchedule = await db.transaction((m) => aSchedule(m, { orgId: OTHER_HOSPITAL }));
      const theirs = await slotOn(otherSchedule, '2026-12-03T11:00:00Z');
      const unknown = { id: randomUUID() };

      const refused = await reserve
        .execute(clinic, reserveBody([own, theirs, unknown], FOR_RIVERSIDE))
        .catch((e) => e);

      expect(refused).toMatchObject({
        code: 'SLOTS_NOT_FOUND',
        status: 404,
        extensions: { slotIds: [theirs.id, unknown.id] },
      });
      expect((await stateOf(own)).reserved_for).toBeNull();
      expect((await stateOf(theirs)).reserved_for).toBeNull();
      expect(await events('slots.reserved.v1')).toEqual([]);
    });

    it('refuses the whole request when a slot has started or was withdrawn, naming each', async () => {
      const fine = await slotOn(respiratory, '2026-12-03T10:00:00Z');
      const started = await slotOn(respiratory, '2026-11-30T08:50:00Z');
      const withdrawn = await slotOn(respiratory, '2026-12-03T11:00:00Z');
      await setSlot(
        withdrawn,
        `status = 'withdrawn', withdrawn_at = $2, withdrawn_reason = 'Leave'`,
        clock.now(),
      );

      const refused = await reserve
        .execute(clinic, reserveBody([fine, started, withdrawn], FOR_RIVERSIDE))
        .catch((e) => e);

      expect(refused).toMatchObject({ code: 'SLOTS_NOT_RESERVABLE', status: 409 });
      expect(refused.extensions.slots).toEqual(
        expect.arrayContaining([
          { slotId: started.id, reason: 'started' },
          { slotId: withdrawn.id, reason: 'withdrawn' },
        ]),
      );
      expect((await stateOf(fine)).reserved_for).toBeNull();
      expect(await events('slots.reserved.v1')).toEqual([]);
    });

    it("refuses a reservation for the clinic's own organisation or for one booking does not know (422); a registered one is known", async () => {
      const slot = await slotOn(respiratory, '2026-12-03T10:00:00Z');
      const attempt = (orgId: string) =>
        reserve.execute(clinic, reserveBody([slot], { kind: 'organisation', orgId })).catch((e) => e);

      expect(await attempt(ST_ELSEWHERE)).toMatchObject({
        code: 'RESERVATION_FOR_OWN_ORGANISATION',
        status: 422,
        extensions: { errors: [{ path: 'reservedFor.orgId' }] },
      });
      expect(await attempt('org-riverside-cdsa')).toMatchObject({
        code: 'RESERVATION_TARGET_UNKNOWN',
        status: 422,
        extensions: { errors: [{ path: 'reservedFor.orgId' }] },
      });
      expect((await stateOf(slot)).reserved_for).toBeNull();
      expect(await events('slots.reserved.v1')).toEqual([]);

      const registered = `org-cdas-${randomUUID().slice(0, 8)}`;
      await db.dataSource.query(
        `INSERT INTO booking.organisation (id, name, kind, updated_by, updated_at)
         VALUES ($1, 'Northgate CDAS', 'cdas', 'fixture', now())`,
        [registered],
      );
      expect(await attempt(registered)).toEqual({ reserved: 1 });
      expect(await attempt(RIVERSIDE_CDAS)).toEqual({ reserved: 1 });
    });

    it('refuses a lead that puts the release time in the past for any slot (422, naming them); nothing changes', async () => {
      // Now is 30 November 09:00: with a 24-hour lead, slots up to 1 December 09:00 would be released already.
      const early = await slotOn(respiratory, '2026-12-01T08:00:00Z');
      const onTheDot = await slotOn(hepatology, '2026-12-01T09:00:00Z');
      const later = await slotOn(respiratory, '2026-12-01T09:20:00Z');

      const refused = await reserve
        .execute(clinic, reserveBody([later, early, onTheDot], FOR_RIVERSIDE, 24 * 60))
        .catch((e) => e);

      expect(refused).toMatchObject({ code: 'RELEASE_TIME_PASSED', status: 422 });
      expect([...refused.extensions.slotIds].sort()).toEqual([early.id, onTheDot.id].sort());
      for (const slot of [early, onTheDot, later]) expect((await stateOf(slot)).reserved_for).toBeNull();
      expect(await events('slots.reserved.v1')).toEqual([]);
      expect(await reserve.execute(clinic, reserveBody([later], FOR_RIVERSIDE, 24 * 60))).toEqual({
        reserved: 1,
      });
    });

    it('refuses a slot named twice, over 500 slots, an unknown field or an over-long lead', () => {
      const id = randomUUID();
      expect(reserveSlotsBody.safeParse({ slotIds: [id, id], reservedFor: FOR_ALL_CDAS }).success).toBe(
        false,
      );
      const lead = (releaseBeforeMinutes: number) =>
        reserveSlotsBody.safeParse({ slotIds: [id], reservedFor: FOR_ALL_CDAS, releaseBeforeMinutes })
          .success;
      expect(lead(MAX_RELEASE_BEFORE_MINUTES)).toBe(true);
      expect(lead(MAX_RELEASE_BEFORE_MINUTES + 1)).toBe(false);
      expect(lead(0)).toBe(false);
      expect(
        reserveSlotsBody.safeParse({ slotIds: [id], reservedFor: FOR_ALL_CDAS, note: 'x' }).success,
      ).toBe(false);
      const tooMany = Array.from({ length: 501 }, () => randomUUID());
      expect(reserveSlotsBody.safeParse({ slotIds: tooMany, reservedFor: FOR_ALL_CDAS }).success).toBe(false);
    });
  });

  describe('released by the clinic', () => {
    it('ends the reservation now, keeps who it was for, emits slots.released.v1 by_provider', async () => {
      const slot = await slotOn(respiratory, '2026-12-03T10:00:00Z');
      await reserve.execute(clinic, reserveBody([slot], FOR_RIVERSIDE, 60));
      clock.advance(5 * MINUTE);

      const result = await release.execute(clinic, releaseReservationsBody.parse({ slotIds: [slot.id] }));

      expect(result).toEqual({ released: 1 });
      expect(await stateOf(slot)).toMatchObject({ reserved_for: FOR_RIVERSIDE, released_at: clock.now() });
      const released = await events('slots.released.v1');
      expect(released.map((e) => [e.subjectId, e.actor, e.data])).toEqual([
        [
          respiratory.id,
          { kind: 'user', id: clinic.userId },
          { scheduleId: respiratory.id, slotIds: [slot.id], reason: 'by_provider' },
        ],
      ]);
    });

    it('refuses all when one slot holds no reservation in force, or is not the organisation’s', async () => {
      const reserved = await slotOn(respiratory, '2026-12-03T10:00:00Z', { reservedFor: FOR_RIVERSIDE });
      const open = await slotOn(respiratory, '2026-12-03T11:00:00Z');
      const refused = await release
        .execute(clinic, releaseReservationsBody.parse({ slotIds: [reserved.id, open.id] }))
        .catch((e) => e);
      expect(refused).toMatchObject({
        code: 'SLOTS_NOT_RELEASABLE',
        extensions: { slots: [{ slotId: open.id, reason: 'not_reserved' }] },
      });
      const otherClinic: Principal = aClinicAdmin({ orgId: OTHER_HOSPITAL });
      await expect(
        release.execute(otherClinic, releaseReservationsBody.parse({ slotIds: [reserved.id] })),
      ).rejects.toMatchObject({ code: 'SLOTS_NOT_FOUND' });
      expect((await stateOf(reserved)).released_at).toBeNull();
      expect(await events('slots.released.v1')).toEqual([]);
    });
  });

  describe('the release job', () => {
    it('releases only due reservations of free, open, future slots; a second run changes nothing', async () => {
      const releaseAt = '2026-11-30T08:00:00Z';
      const due = await slotOn(respiratory, '2026-12-01T10:00:00Z', {
        reservedFor: FOR_RIVERSIDE,
        releaseAt,
      });
      const dueLiver = await slotOn(hepatology, '2026-12-01T11:00:00Z', {
        reservedFor: FOR_ALL_CDAS,
        releaseAt,
      });
      const partlyBooked = await slotOn(respiratory, '2026-12-01T12:00:00Z', {
        reservedFor: FOR_RIVERSIDE,
        releaseAt,
        capacity: 2,
      });
      await anAppointmentIn(partlyBooked, { underReservation: true });
      const full = await slotOn(respiratory, '2026-12-01T13:00:00Z', {
        reservedFor: FOR_RIVERSIDE,
        releaseAt,
      });
      await anAppointmentIn(full, { underReservation: true });
      const notYetDue = await slotOn(respiratory, '2026-12-05T10:00:00Z', {
        reservedFor: FOR_RIVERSIDE,
        releaseAt: '2026-12-03T10:00:00Z',
      });
      const noReleaseTime = await slotOn(respiratory, '2026-12-01T14:00:00Z', { reservedFor: FOR_RIVERSIDE });
      const started = await slotOn(respiratory, '2026-11-30T08:30:00Z', {
        reservedFor: FOR_RIVERSIDE,
        releaseAt,
      });
      const withdrawn = await slotOn(respiratory, '2026-12-01T15:00:00Z', {
        reservedFor: FOR_RIVERSIDE,
        releaseAt,
      });
      await setSlot(
        withdrawn,
        `status = 'withdrawn', withdrawn_at = $2, withdrawn_reason = 'Leave'`,
        clock.now(),
      );

      expect(await releaseDue.run(clock.now())).toBe(3);

      for (const slot of [due, dueLiver, partlyBooked])
        expect((await stateOf(slot)).released_at).toEqual(clock.now());
      for (const slot of [full, notYetDue, noReleaseTime, started, withdrawn]) {
        expect((await stateOf(slot)).released_at).toBeNull();
      }
      const released = await events('slots.released.v1');
      expect(released.map((e) => [e.subjectId, e.actor.kind, e.data])).toEqual(
        expect.arrayContaining([
          [
            respiratory.id,
            'system',
            {
              scheduleId: respiratory.id,
              slotIds: [due.id, partlyBooked.id],
              reason: 'release_time_reached',
            },
          ],
          [
            hepatology.id,
            'system',
            { scheduleId: hepatology.id, slotIds: [dueLiver.id], reason: 'release_time_reached' },
          ],
        ]),
      );
      expect(released).toHaveLength(2);

      expect(await releaseDue.run(clock.now())).toBe(0);
      expect(await events('slots.released.v1')).toHaveLength(2);
    });

    it('a full reserved slot whose seat frees before the start is released by a later run', async () => {
      const full = await slotOn(respiratory, '2026-12-01T13:00:00Z', {
        reservedFor: FOR_RIVERSIDE,
        releaseAt: '2026-11-30T08:00:00Z',
      });
      await anAppointmentIn(full, { underReservation: true });
      expect(await releaseDue.run(clock.now())).toBe(0);

      await db.dataSource.query(`UPDATE booking.appointment SET status = 'cancelled' WHERE slot_id = $1`, [
        full.id,
      ]);
      await setSlot(full, 'taken = taken - 1');
      clock.advance(30_000);
      expect(await releaseDue.run(clock.now())).toBe(1);
      expect((await stateOf(full)).released_at).toEqual(clock.now());
    });

    it('two concurrent runs release each due slot once, in events that never repeat a slot', async () => {
      const count = RELEASE_BATCH_SIZE * 2 + 200;
      for (const schedule of [respiratory, hepatology]) {
        await db.dataSource.query(
          `INSERT INTO booking.slot (id, org_id, schedule_id, site_id, service_type, provider_name, location,
             starts_at, ends_at, capacity, taken, status, reserved_for, release_at, published_by, published_at)
           SELECT gen_random_uuid(), $1, $2, $3, $4, 'Clinic', 'Outpatients B',
             $5::timestamptz + n * interval '20 minutes', $5::timestamptz + n * interval '20 minutes' + interval '20 minutes',
             1, 0, 'open', '{"kind":"all_cdas"}', $6, 'fixture', $6
           FROM generate_series(1, $7) AS n`,
          [
            schedule.orgId,
            schedule.id,
            schedule.siteId,
            schedule.serviceType,
            '2026-12-02T09:00:00Z',
            '2026-11-30T08:00:00Z',
            count / 2,
          ],
        );
      }

      const [first, second] = await Promise.all([releaseDue.run(clock.now()), releaseDue.run(clock.now())]);

      expect(first + second).toBe(count);
      const stillReserved: { n: string }[] = await db.dataSource.query(
        `SELECT count(*) AS n FROM booking.slot WHERE released_at IS NULL`,
      );
      expect(Number(stillReserved[0]!.n)).toBe(0);
      const released = await events('slots.released.v1');
      const slotIds = released.flatMap((e) => e.data['slotIds'] as string[]);
      expect(slotIds).toHaveLength(count);
      expect(new Set(slotIds).size).toBe(count);
      expect(released.every((e) => (e.data['slotIds'] as string[]).length <= RELEASE_BATCH_SIZE)).toBe(true);
    });
  });

  describe('usage', () => {
    it('counts reserved slots as used, released unused (and booked after), unused past, open upcoming', async () => {
      const slot = (startsAt: string, reservedFor: ReservedFor | undefined, capacity = 1) =>
        slotOn(respiratory, startsAt, { reservedFor, capacity });
      // Riverside's reservations.
      const attended = await slot('2026-11-20T10:00:00Z', FOR_RIVERSIDE);
      await anAppointmentIn(attended, { underReservation: true, attendance: 'attended' });
      const groupUsed = await slot('2026-12-02T10:00:00Z', FOR_RIVERSIDE, 3);
      await anAppointmentIn(groupUsed, { underReservation: true, seat: 1 });
      await anAppointmentIn(groupUsed, { underReservation: true, seat: 2 });
      const releasedUnused = await slot('2026-12-02T11:00:00Z', FOR_RIVERSIDE);
      await setSlot(releasedUnused, 'released_at = $2', clock.now());
      const bookedAfterRelease = await slot('2026-12-02T12:00:00Z', FOR_RIVERSIDE);
      await setSlot(bookedAfterRelease, 'released_at = $2', clock.now());
      await anAppointmentIn(bookedAfterRelease, { underReservation: false });
      await slot('2026-11-25T10:00:00Z', FOR_RIVERSIDE); // unused, past
      await slot('2026-12-09T10:00:00Z', FOR_RIVERSIDE); // open, upcoming
      // All CDAS: a booking cancelled again leaves the slot unused; a withdrawn slot.
      const cancelledAgain = await slot('2026-12-03T10:00:00Z', FOR_ALL_CDAS);
      await anAppointmentIn(cancelledAgain, { underReservation: true, status: 'cancelled' });
      const withdrawn = await slot('2026-12-03T11:00:00Z', FOR_ALL_CDAS);
      await setSlot(
        withdrawn,
        `status = 'withdrawn', withdrawn_at = $2, withdrawn_reason = 'Leave'`,
        clock.now(),
      );
      // Not counted: never reserved, outside the window, another organisation's.
      await slot('2026-12-02T13:00:00Z', undefined);
      await slot('2027-04-01T10:00:00Z', FOR_RIVERSIDE);
      const otherSchedule = await db.transaction((m) => aSchedule(m, { orgId: OTHER_HOSPITAL }));
      await slotOn(otherSchedule, '2026-12-02T10:00:00Z', { reservedFor: FOR_RIVERSIDE });

      const report = await usage.execute(clinic, {});

      expect(report).toMatchObject({
        orgId: ST_ELSEWHERE,
        from: '2026-09-01T09:00:00.000Z',
        to: '2027-02-28T09:00:00.000Z',
      });
      expect(report.totals).toEqual({
        reserved: 8,
        used: 2,
        releasedUnused: 2,
        bookedAfterRelease: 1,
        unusedPast: 1,
        openUpcoming: 2,
        withdrawn: 1,
        appointmentsUnderReservation: 3,
      });
      expect(report.byReservedFor).toEqual([
        {
          reservedFor: FOR_RIVERSIDE,
          reserved: 6,
          used: 2,
          releasedUnused: 2,
          bookedAfterRelease: 1,
          unusedPast: 1,
          openUpcoming: 1,
          withdrawn: 0,
          appointmentsUnderReservation: 3,
        },
        {
          reservedFor: FOR_ALL_CDAS,
          reserved: 2,
          used: 0,
          releasedUnused: 0,
          bookedAfterRelease: 0,
          unusedPast: 0,
          openUpcoming: 1,
          withdrawn: 1,
          appointmentsUnderReservation: 0,
        },
      ]);

      const later = await usage.execute(clinic, { from: '2027-03-01T00:00:00Z', to: '2027-05-01T00:00:00Z' });
      expect(later.totals).toMatchObject({ reserved: 1, openUpcoming: 1 });
    });

    it('an empty window counts nothing; a window over 366 days is refused', async () => {
      const report = await usage.execute(clinic, {
        from: '2025-01-01T00:00:00Z',
        to: '2025-02-01T00:00:00Z',
      });
      expect(report.totals.reserved).toBe(0);
      expect(report.byReservedFor).toEqual([]);
      await expect(
        usage.execute(clinic, { from: '2025-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z' }),
      ).rejects.toMatchObject({ code: 'USAGE_WINDOW_INVALID', status: 422 });
    });
  });
});
