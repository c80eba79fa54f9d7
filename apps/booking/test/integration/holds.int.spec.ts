import { randomUUID } from 'node:crypto';
import { appointmentHeldV1, appointmentHoldEndedV1 } from '@careloop/contracts';
import { bookAppointmentBody } from '../../src/appointment/appointment.dto';
import type { Schedule } from '../../src/schedule/schedule.entity';
import { appointmentsAt } from '../support/appointment-use-cases';
import { useBookingDatabase } from '../support/booking-database';
import { aBookingClient, aPrincipal, aSchedule, aSlotOn } from '../support/booking-fixtures';
import { eventsInOutbox } from '../support/events-in-outbox';

const MINUTE = 60_000;

/** Holds on real Postgres: a held seat is taken for everyone else until confirmed, released or lapsed. */
describe('holding a seat while talking to the client', () => {
  const db = useBookingDatabase('booking_holds', { poolSize: 30 });
  let schedule: Schedule;
  const keyworker = aPrincipal();
  const colleague = aPrincipal({ name: 'Jamie Reid' });

  beforeAll(async () => {
    schedule = await aSchedule(db.dataSource.manager);
  });

  /** The use cases on their own clock, so each test moves time as it needs. */
  const at = (instant: string) => appointmentsAt(db.dataSource, instant);

  const m = () => db.dataSource.manager;
  const aSlot = (startsAt: string, capacity = 1) => aSlotOn(m(), schedule, { startsAt, capacity });
  const aClient = async () => (await aBookingClient(m())).clientId;
  const body = async (slotId: string, extra: Record<string, unknown> = {}) =>
    bookAppointmentBody.parse({ slotId, clientId: await aClient(), ...extra });

  const slotState = async (slotId: string) => {
    const rows: { taken: number; held: string; booked: string }[] = await db.dataSource.query(
      `SELECT s.taken,
              (SELECT count(*) FROM booking.appointment a WHERE a.slot_id = s.id AND a.status = 'held') AS held,
              (SELECT count(*) FROM booking.appointment a WHERE a.slot_id = s.id AND a.status = 'booked') AS booked
         FROM booking.slot s WHERE s.id = $1`,
      [slotId],
    );
    const row = rows[0]!;
    return { taken: row.taken, held: Number(row.held), booked: Number(row.booked) };
  };

  const eventsOf = (appointmentId: string) => eventsInOutbox(db.dataSource, { key: appointmentId });

  const statusOf = async (appointmentId: string) =>
    (
      (await db.dataSource.query(`SELECT status FROM booking.appointment WHERE id = $1`, [
        appointmentId,
      ])) as { status: string }[]
    )[0]?.status;

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (e: { code?: string }) => e.code,
    );

  it('a hold takes the seat for everyone else for the policy’s minutes and emits appointment.held.v1', async () => {
    const now = at('2026-11-30T09:00:00Z');
    const slot = await aSlot('2026-12-03T09:00:00Z');
    const { result: held } = await now.hold.execute(keyworker, await body(slot.id), undefined);
    expect(held).toMatchObject({
      status: 'held',
      holdExpiresAt: '2026-11-30T09:10:00.000Z',
      doNotDischarge: true,
    });
    expect(await slotState(slot.id)).toEqual({ taken: 1, held: 1, booked: 0 });
    expect(await codeOf(now.book.execute(colleague, await body(slot.id), undefined))).toBe(
      'SLOT_ALREADY_BOOKED',
    );
    expect(await codeOf(now.hold.execute(colleague, await body(slot.id), undefined))).toBe(
      'SLOT_ALREADY_BOOKED',
    );

    const [event, ...more] = await eventsOf(held.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ type: 'appointment.held.v1', orgId: keyworker.orgId });
    expect(appointmentHeldV1.data.parse(event!.data)).toEqual({
      appointmentId: held.id,
      clientId: held.clientId,
      referralId: null,
      slotId: slot.id,
      startsAt: '2026-12-03T09:00:00.000Z',
      holdExpiresAt: '2026-11-30T09:10:00.000Z',
      heldBy: keyworker.userId,
      // Not an in-reach slot, and a hold by staff rather than for a waiting list's offer.
      inreachSessionId: null,
      offer: null,
    });
  });

  it('confirming a live hold books the same seat, with what the clinic should now be told', async () => {
    const now = at('2026-11-30T09:00:00Z');
    const slot = await aSlot('2026-12-03T10:00:00Z');
    const { result: held } = await now.hold.execute(keyworker, await body(slot.id), undefined);
    now.clock.advance(9 * MINUTE);
    const key = randomUUID();
    const confirmBody = { notesForClinic: 'Will come with a peer supporter', doNotDischarge: false };
    const { result: booked } = await now.confirm.execute(colleague, held.id, confirmBody, key);
    expect(booked).toMatchObject({
      id: held.id,
      status: 'booked',
      holdExpiresAt: null,
      notesForClinic: 'Will come with a peer supporter',
      doNotDischarge: false,
      bookedBy: colleague.userId,
      bookedAt: '2026-11-30T09:09:00.000Z',
    });
    expect(await now.confirm.execute(colleague, held.id, confirmBody, key)).toEqual({
      replayed: true,
      result: booked,
    });
    expect(await codeOf(now.confirm.execute(colleague, held.id, {}, undefined))).toBe('APPOINTMENT_NOT_HELD');
    expect(await slotState(slot.id)).toEqual({ taken: 1, held: 0, booked: 1 });
    expect((await eventsOf(held.id)).map((e) => e.type)).toEqual([
      'appointment.held.v1',
      'appointment.booked.v1',
    ]);

    // A confirmed booking no longer lapses.
    now.clock.advance(60 * MINUTE);
    await now.expire.run(now.clock.now());
    expect(await statusOf(held.id)).toBe('booked');
    expect(await slotState(slot.id)).toEqual({ taken: 1, held: 0, booked: 1 });
  });

  it('a lapsed hold cannot be confirmed: HOLD_EXPIRED, and the hold is ended with its seat given back', async () => {
    const now = at('2026-11-30T09:00:00Z');
    const slot = await aSlot('2026-12-03T11:00:00Z');
    const { result: held } = await now.hold.execute(keyworker, await body(slot.id), undefined);
    now.clock.advance(10 * MINUTE);
    const refused = await now.confirm.execute(keyworker, held.id, {}, undefined).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'HOLD_EXPIRED', status: 409 });
    expect(await statusOf(held.id)).toBe('hold_ended');
    expect(await slotState(slot.id)).toEqual({ taken: 0, held: 0, booked: 0 });
    const events = await eventsOf(held.id);
    expect(events.map((e) => e.type)).toEqual(['appointment.held.v1', 'appointment.hold-ended.v1']);
    expect(appointmentHoldEndedV1.data.parse(events[1]!.data)).toEqual({
      appointmentId: held.id,
      clientId: held.clientId,
      referralId: null,
      slotId: slot.id,
      reason: 'expired',
      inreachSessionId: null,
      offerId: null,
    });
    expect(events[1]!.actor).toEqual({ kind: 'system', id: 'system:booking' });
  });

  it('a hold that lapsed and was ended already is still answered HOLD_EXPIRED, however it was ended', async () => {
    const now = at('2026-11-30T09:00:00Z');
    const byTimer = await aSlot('2026-12-03T11:10:00Z');
    const byBooking = await aSlot('2026-12-03T11:20:00Z');
    const byRelease = await aSlot('2026-12-03T11:30:00Z');
    const holds = [];
    for (const slot of [byTimer, byBooking, byRelease]) {
      holds.push((await now.hold.execute(keyworker, await body(slot.id), undefined)).result);
    }
    const [endedByTimer, endedByBooking, releasedLate] = holds;
    now.clock.advance(10 * MINUTE);
    // The timer ends one, a colleague's booking of its slot another, a release after the lapse the third.
    await now.expire.run(new Date('2026-11-30T09:10:00Z'));
    expect(await statusOf(endedByTimer!.id)).toBe('hold_ended');
    await now.book.execute(colleague, await body(byBooking.id), undefined);
    expect(await statusOf(endedByBooking!.id)).toBe('hold_ended');
    await now.release.execute(keyworker, releasedLate!.id);

    for (const hold of holds) {
      const refused = await now.confirm
        .execute(keyworker, hold.id, {}, randomUUID())
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({
        code: 'HOLD_EXPIRED',
        status: 409,
        detail: `The hold ${hold.id} lapsed at ${hold.holdExpiresAt!}`,
      });
      expect(await statusOf(hold.id)).toBe('hold_ended');
      expect((await eventsOf(hold.id)).map((e) => e.type)).toEqual([
        'appointment.held.v1',
        'appointment.hold-ended.v1',
      ]);
    }
    expect(await slotState(byTimer.id)).toEqual({ taken: 0, held: 0, booked: 0 });
    expect(await slotState(byBooking.id)).toEqual({ taken: 1, held: 0, booked: 1 });
  });

  it('a hold in a slot the clinic has since withdrawn (an exception) cannot be confirmed', async () => {
    const now = at('2026-11-30T09:00:00Z');
    const slot = await aSlot('2026-12-03T11:40:00Z');
    const { result: held } = await now.hold.execute(keyworker, await body(slot.id), undefined);
    await db.dataSource.query(`UPDATE booking.slot SET status = 'withdrawn' WHERE id = $1`, [slot.id]);
    expect(await codeOf(now.confirm.execute(keyworker, held.id, {}, undefined))).toBe('SLOT_WITHDRAWN');
    expect(await statusOf(held.id)).toBe('held');
  });

  it('a hold blocks a booking until it lapses; then the booking takes the seat at once, before any timer run', async () => {
    const now = at('2026-11-30T09:00:00Z');
    const slot = await aSlot('2026-12-03T12:00:00Z');
    const { result: held } = await now.hold.execute(keyworker, await body(slot.id), undefined);
    now.clock.advance(10 * MINUTE - 1);
    expect(await codeOf(now.book.execute(colleague, await body(slot.id), undefined))).toBe(
      'SLOT_ALREADY_BOOKED',
    );
    now.clock.advance(1);
    const { result: booked } = await now.book.execute(colleague, await body(slot.id), undefined);
    expect(booked.status).toBe('booked');
    expect(await statusOf(held.id)).toBe('hold_ended');
    expect(await slotState(slot.id)).toEqual({ taken: 1, held: 0, booked: 1 });
    expect((await eventsOf(held.id)).map((e) => e.type)).toEqual([
      'appointment.held.v1',
      'appointment.hold-ended.v1',
    ]);
    await now.expire.run(now.clock.now());
    expect((await eventsOf(held.id)).map((e) => e.type)).toHaveLength(2);
  });

  it('releasing a hold gives the seat back; again changes nothing; a booking is cancelled, not released', async () => {
    const now = at('2026-11-30T09:00:00Z');
    const slot = await aSlot('2026-12-03T13:00:00Z');
    const { result: held } = await now.hold.execute(keyworker, await body(slot.id), undefined);
    expect(
      await codeOf(now.cancel.execute(keyworker, held.id, { cancelledBy: 'cdas', reason: 'x' }, undefined)),
    ).toBe('APPOINTMENT_NOT_BOOKED');
    const released = await now.release.execute(colleague, held.id);
    expect(released).toMatchObject({ id: held.id, status: 'hold_ended' });
    expect(await slotState(slot.id)).toEqual({ taken: 0, held: 0, booked: 0 });
    expect(await now.release.execute(colleague, held.id)).toEqual(released);
    const events = await eventsOf(held.id);
    expect(events.map((e) => e.type)).toEqual(['appointment.held.v1', 'appointment.hold-ended.v1']);
    expect(events[1]).toMatchObject({
      actor: { kind: 'user', id: colleague.userId },
      data: { reason: 'released', slotId: slot.id },
    });
    expect(await codeOf(now.confirm.execute(keyworker, held.id, {}, undefined))).toBe('APPOINTMENT_NOT_HELD');

    const { result: booked } = await now.book.execute(keyworker, await body(slot.id), undefined);
    expect(await codeOf(now.release.execute(keyworker, booked.id))).toBe('APPOINTMENT_NOT_HELD');
    expect(await codeOf(now.release.execute(aPrincipal({ orgId: 'org-other-cdas' }), held.id))).toBe(
      'APPOINTMENT_NOT_FOUND',
    );
    expect(await slotState(slot.id)).toEqual({ taken: 1, held: 0, booked: 1 });
  });

  it('a hold never outlives the start of its slot', async () => {
    const now = at('2026-12-03T13:55:00Z');
    const slot = await aSlot('2026-12-03T14:00:00Z');
    const { result: held } = await now.hold.execute(keyworker, await body(slot.id), undefined);
    expect(held.holdExpiresAt).toBe('2026-12-03T14:00:00.000Z');
  });

  /** Later than every other test's holds, with those already ended: the runs' counts are this test's. */
  async function drainedAt(instant: string) {
    const now = at(instant);
    await now.expire.run(now.clock.now());
    return now;
  }

  it('ExpireLapsedHolds ends lapsed holds only, once each, and finds nothing on the next run', async () => {
    const now = await drainedAt('2026-12-01T09:00:00Z');
    expect(await now.expire.run(now.clock.now())).toBe(0);
    const slots = await Promise.all([
      aSlot('2026-12-04T09:00:00Z', 2),
      aSlot('2026-12-04T09:20:00Z'),
      aSlot('2026-12-04T09:40:00Z'),
    ]);
    const early = [
      await now.hold.execute(keyworker, await body(slots[0]!.id), undefined),
      await now.hold.execute(keyworker, await body(slots[0]!.id), undefined),
      await now.hold.execute(keyworker, await body(slots[1]!.id), undefined),
    ].map((o) => o.result);
    now.clock.advance(5 * MINUTE);
    const { result: live } = await now.hold.execute(keyworker, await body(slots[2]!.id), undefined);
    now.clock.advance(5 * MINUTE);

    expect(await now.expire.run(now.clock.now())).toBe(3);
    for (const hold of early) expect(await statusOf(hold.id)).toBe('hold_ended');
    expect(await statusOf(live.id)).toBe('held');
    expect(await slotState(slots[0]!.id)).toEqual({ taken: 0, held: 0, booked: 0 });
    expect(await slotState(slots[1]!.id)).toEqual({ taken: 0, held: 0, booked: 0 });
    expect(await slotState(slots[2]!.id)).toEqual({ taken: 1, held: 1, booked: 0 });
    expect(await now.expire.run(now.clock.now())).toBe(0);
    for (const hold of early) {
      expect((await eventsOf(hold.id)).map((e) => e.type)).toEqual([
        'appointment.held.v1',
        'appointment.hold-ended.v1',
      ]);
    }
  });

  it('concurrent ExpireLapsedHolds runs end each lapsed hold exactly once (one event each)', async () => {
    const now = await drainedAt('2026-12-01T10:00:00Z');
    const slots = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        aSlot(new Date(Date.parse('2026-12-05T09:00:00Z') + i * 20 * MINUTE).toISOString()),
      ),
    );
    const holds = await Promise.all(
      slots.map(async (slot) => (await now.hold.execute(keyworker, await body(slot.id), undefined)).result),
    );
    now.clock.advance(11 * MINUTE);
    const runs = await Promise.all(Array.from({ length: 6 }, () => now.expire.run(now.clock.now())));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(30);
    const ended: { n: string }[] = await db.dataSource.query(
      `SELECT count(*) AS n FROM booking.outbox
        WHERE event_type = 'appointment.hold-ended.v1' AND message_key = ANY($1::text[])`,
      [holds.map((h) => h.id)],
    );
    expect(Number(ended[0]!.n)).toBe(30);
    const taken: { total: string }[] = await db.dataSource.query(
      `SELECT sum(taken) AS total FROM booking.slot WHERE id = ANY($1::uuid[])`,
      [slots.map((s) => s.id)],
    );
    expect(Number(taken[0]!.total)).toBe(0);
  });

  it('many parallel holds and bookings of few slots: one winner per seat, the rest SLOT_ALREADY_BOOKED', async () => {
    const now = at('2026-11-30T09:00:00Z');
    const slots = [
      await aSlot('2026-12-06T09:00:00Z'),
      await aSlot('2026-12-06T09:20:00Z', 2),
      await aSlot('2026-12-06T09:40:00Z', 3),
    ];
    const attempts = await Promise.all(
      Array.from({ length: 48 }, async (_, i) => {
        const slot = slots[i % 3]!;
        const request = await body(slot.id);
        const use = i % 2 === 0 ? now.hold : now.book;
        return { slotId: slot.id, code: await codeOf(use.execute(keyworker, request, randomUUID())) };
      }),
    );
    for (const slot of slots) {
      const mine = attempts.filter((a) => a.slotId === slot.id);
      expect(mine.filter((a) => a.code === 'ok')).toHaveLength(slot.capacity);
      expect(mine.filter((a) => a.code !== 'ok').every((a) => a.code === 'SLOT_ALREADY_BOOKED')).toBe(true);
      const state = await slotState(slot.id);
      expect(state.taken).toBe(slot.capacity);
      expect(state.held + state.booked).toBe(slot.capacity);
    }
  });
});
