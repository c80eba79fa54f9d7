import { randomUUID } from 'node:crypto';
import { AuditTrail } from '@careloop/auth';
import { appointmentRescheduledV1 } from '@careloop/contracts';
import { eventually } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { bookAppointmentBody } from '../../src/appointment/appointment.dto';
import { BookAppointment } from '../../src/appointment/book-appointment';
import { CancelAppointment } from '../../src/appointment/cancel-appointment';
import { HoldAppointment } from '../../src/appointment/hold-appointment';
import { RescheduleAppointment } from '../../src/appointment/reschedule-appointment';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import type { Schedule } from '../../src/schedule/schedule.entity';
import type { Slot } from '../../src/slot/slot.entity';
import { appointmentsAt } from '../support/appointment-use-cases';
import { useBookingDatabase } from '../support/booking-database';
import { aBookingClient, aPrincipal, aSchedule, aSlotOn, RIVERSIDE_CDAS } from '../support/booking-fixtures';
import { eventsInOutbox } from '../support/events-in-outbox';

const MINUTE = 60_000;

/** Moving a booked appointment to another slot, atomically, on real Postgres. */
describe('rescheduling an appointment', () => {
  const db = useBookingDatabase('booking_reschedule', { poolSize: 30 });
  let schedule: Schedule;
  let gpSchedule: Schedule;
  const clock = new ManualClock('2026-11-30T09:00:00Z');
  const keyworker = aPrincipal();
  let book: BookAppointment;
  let hold: HoldAppointment;
  let cancel: CancelAppointment;
  let reschedule: RescheduleAppointment;

  beforeAll(async () => {
    ({ book, hold, cancel, reschedule } = appointmentsAt(db.dataSource, clock));
    schedule = await aSchedule(db.dataSource.manager);
    gpSchedule = await aSchedule(db.dataSource.manager, {
      orgId: 'org-high-street-surgery',
      orgKind: 'gp_practice',
      name: 'Dr Sam Patel',
    });
  });

  const m = () => db.dataSource.manager;
  let next = Date.parse('2026-12-10T09:00:00Z');
  /** Slots one after another, so no two tests share one. */
  const aSlot = (
    capacity = 1,
    options: Partial<Parameters<typeof aSlotOn>[2]> = {},
    on: () => Schedule = () => schedule,
  ) => {
    next += 20 * MINUTE;
    return aSlotOn(m(), on(), { startsAt: new Date(next).toISOString(), capacity, ...options });
  };
  const bookInto = async (slot: Slot) =>
    (
      await book.execute(
        keyworker,
        bookAppointmentBody.parse({ slotId: slot.id, clientId: (await aBookingClient(m())).clientId }),
        undefined,
      )
    ).result;

  const row = async (appointmentId: string) =>
    (
      (await db.dataSource.query(
        `SELECT slot_id, seat, status, rescheduled_count, under_reservation, version
           FROM booking.appointment WHERE id = $1`,
        [appointmentId],
      )) as Record<string, unknown>[]
    )[0];
  const taken = async (slotId: string) =>
    (
      (await db.dataSource.query(`SELECT taken FROM booking.slot WHERE id = $1`, [slotId])) as {
        taken: number;
      }[]
    )[0]!.taken;
  const eventTypes = async (appointmentId: string) =>
    (
      (await db.dataSource.query(
        `SELECT event_type FROM booking.outbox WHERE message_key = $1 ORDER BY seq`,
        [appointmentId],
      )) as { event_type: string }[]
    ).map((r) => r.event_type);
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (e: { code?: string }) => e.code,
    );

  it('moves the appointment (same id) to the new slot, frees the old seat, emits appointment.rescheduled.v1', async () => {
    const from = await aSlot();
    // Another provider's slot: the event names the provider the client now goes to.
    const to = await aSlot(
      1,
      { reservedFor: { kind: 'organisation', orgId: RIVERSIDE_CDAS } },
      () => gpSchedule,
    );
    const booked = await bookInto(from);
    const { result: moved } = await reschedule.execute(
      keyworker,
      booked.id,
      { slotId: to.id, reason: 'Client has a court date' },
      undefined,
    );
    expect(moved).toMatchObject({
      id: booked.id,
      clientId: booked.clientId,
      status: 'booked',
      slotId: to.id,
      startsAt: to.startsAt.toISOString(),
      rescheduledCount: 1,
    });
    expect(await row(booked.id)).toMatchObject({ slot_id: to.id, seat: 1, under_reservation: true });
    expect([await taken(from.id), await taken(to.id)]).toEqual([0, 1]);

    const [event] = await eventsInOutbox(db.dataSource, {
      key: booked.id,
      type: appointmentRescheduledV1.type,
    });
    expect(event).toMatchObject({ orgId: RIVERSIDE_CDAS, actor: { kind: 'user', id: keyworker.userId } });
    expect(appointmentRescheduledV1.data.parse(event!.data)).toEqual({
      appointmentId: booked.id,
      clientId: booked.clientId,
      referralId: null,
      previousStartsAt: from.startsAt.toISOString(),
      startsAt: to.startsAt.toISOString(),
      endsAt: to.endsAt.toISOString(),
      location: to.location,
      providerOrgId: 'org-high-street-surgery',
      providerName: 'Dr Sam Patel',
      rescheduledBy: keyworker.userId,
      // An ordinary slot: no in-reach session; reserved for drug services, so it used that capacity.
      inreachSessionId: null,
      underReservation: true,
    });
    const audit = await new AuditTrail().forClient(m(), BOOKING_SCHEMA, booked.clientId);
    expect(audit.at(-1)).toMatchObject({
      action: 'update',
      reason: 'Client has a court date',
      details: { fromSlotId: from.id, toSlotId: to.id },
    });

    // The seat it left is free for someone else; moving back out of a reservation clears the flag.
    expect((await bookInto(from)).status).toBe('booked');
    const elsewhere = await aSlot();
    await reschedule.execute(keyworker, booked.id, { slotId: elsewhere.id }, undefined);
    expect(await row(booked.id)).toMatchObject({ rescheduled_count: 2, under_reservation: false });
  });

  it('a refused move leaves the booking exactly as it was', async () => {
    const from = await aSlot();
    const booked = await bookInto(from);
    const full = await aSlot();
    await bookInto(full);
    const withdrawn = await aSlot();
    await db.dataSource.query(
      `UPDATE booking.slot SET status = 'withdrawn', withdrawn_at = now() WHERE id = $1`,
      [withdrawn.id],
    );
    const reservedForOthers = await aSlot(1, {
      reservedFor: { kind: 'organisation', orgId: 'org-other-cdas' },
    });
    const started = await aSlotOn(m(), schedule, { startsAt: '2026-11-30T08:50:00Z' });
    const before = await row(booked.id);

    const attempts = {
      full: full.id,
      withdrawn: withdrawn.id,
      reservedForOthers: reservedForOthers.id,
      started: started.id,
      unknown: randomUUID(),
      same: from.id,
    };
    const codes: Record<string, string | undefined> = {};
    for (const [name, slotId] of Object.entries(attempts)) {
      codes[name] = await codeOf(reschedule.execute(keyworker, booked.id, { slotId }, undefined));
    }
    expect(codes).toEqual({
      full: 'SLOT_ALREADY_BOOKED',
      withdrawn: 'SLOT_WITHDRAWN',
      reservedForOthers: 'SLOT_RESERVED',
      started: 'SLOT_ALREADY_STARTED',
      unknown: 'SLOT_NOT_FOUND',
      same: 'SAME_SLOT',
    });
    expect(await row(booked.id)).toEqual(before);
    expect([await taken(from.id), await taken(full.id), await taken(withdrawn.id)]).toEqual([1, 1, 0]);
    expect(await eventTypes(booked.id)).toEqual(['appointment.booked.v1']);
  });

  it("refuses to move a cancelled appointment, another organisation's, or one whose time has come", async () => {
    const target = await aSlot(5);
    const cancelled = await bookInto(await aSlot());
    await cancel.execute(keyworker, cancelled.id, { cancelledBy: 'client', reason: 'Moved away' }, undefined);
    expect(await codeOf(reschedule.execute(keyworker, cancelled.id, { slotId: target.id }, undefined))).toBe(
      'APPOINTMENT_NOT_BOOKED',
    );

    const booked = await bookInto(await aSlot());
    const stranger = aPrincipal({ orgId: 'org-other-cdas' });
    expect(await codeOf(reschedule.execute(stranger, booked.id, { slotId: target.id }, undefined))).toBe(
      'APPOINTMENT_NOT_FOUND',
    );

    const soon = await aSlotOn(m(), schedule, { startsAt: '2026-11-30T09:30:00Z' });
    const today = await bookInto(soon);
    const lateReschedule = appointmentsAt(db.dataSource, '2026-11-30T09:30:00Z').reschedule;
    expect(await codeOf(lateReschedule.execute(keyworker, today.id, { slotId: target.id }, undefined))).toBe(
      'APPOINTMENT_ALREADY_STARTED',
    );
    expect(await taken(target.id)).toBe(0);
  });

  it('a repeated request with the same Idempotency-Key answers the first move and moves nothing again', async () => {
    const from = await aSlot();
    const to = await aSlot();
    const booked = await bookInto(from);
    const key = randomUUID();
    const first = await reschedule.execute(keyworker, booked.id, { slotId: to.id }, key);
    const again = await reschedule.execute(keyworker, booked.id, { slotId: to.id }, key);
    expect(again).toEqual({ replayed: true, result: first.result });
    expect(await row(booked.id)).toMatchObject({ rescheduled_count: 1 });
    expect(await eventTypes(booked.id)).toEqual(['appointment.booked.v1', 'appointment.rescheduled.v1']);
  });

  it("a lapsed hold on the new slot does not stand in the move's way", async () => {
    const target = await aSlot();
    const earlierHold = appointmentsAt(db.dataSource, '2026-11-30T08:40:00Z').hold;
    const { result: stale } = await earlierHold.execute(
      keyworker,
      bookAppointmentBody.parse({ slotId: target.id, clientId: (await aBookingClient(m())).clientId }),
      undefined,
    );
    const booked = await bookInto(await aSlot());
    const { result: moved } = await reschedule.execute(
      keyworker,
      booked.id,
      { slotId: target.id },
      undefined,
    );
    expect(moved.slotId).toBe(target.id);
    expect(await row(stale.id)).toMatchObject({ status: 'hold_ended' });
    expect(await taken(target.id)).toBe(1);
    expect(
      await codeOf(
        hold.execute(
          keyworker,
          bookAppointmentBody.parse({ slotId: target.id, clientId: booked.clientId }),
          undefined,
        ),
      ),
    ).toBe('SLOT_ALREADY_BOOKED');
  });

  it('reschedules crossing each other’s slots all finish, without deadlock, when there is room', async () => {
    const pairs = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const [one, two] = [await aSlot(2), await aSlot(2)];
        return { one, two, a: await bookInto(one), b: await bookInto(two) };
      }),
    );
    const results = await Promise.all(
      pairs.flatMap(({ one, two, a, b }) => [
        codeOf(reschedule.execute(keyworker, a.id, { slotId: two.id }, undefined)),
        codeOf(reschedule.execute(keyworker, b.id, { slotId: one.id }, undefined)),
      ]),
    );
    expect(results).toEqual(Array(20).fill('ok'));
    for (const { one, two, a, b } of pairs) {
      expect(await row(a.id)).toMatchObject({ slot_id: two.id });
      expect(await row(b.id)).toMatchObject({ slot_id: one.id });
      expect([await taken(one.id), await taken(two.id)]).toEqual([1, 1]);
    }
  });

  it('crossing reschedules into full slots both fail cleanly, and both bookings stand', async () => {
    const pairs = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const [one, two] = [await aSlot(), await aSlot()];
        return { one, two, a: await bookInto(one), b: await bookInto(two) };
      }),
    );
    const results = await Promise.all(
      pairs.flatMap(({ one, two, a, b }) => [
        codeOf(reschedule.execute(keyworker, a.id, { slotId: two.id }, undefined)),
        codeOf(reschedule.execute(keyworker, b.id, { slotId: one.id }, undefined)),
      ]),
    );
    expect(results).toEqual(Array(20).fill('SLOT_ALREADY_BOOKED'));
    for (const { one, two, a, b } of pairs) {
      expect(await row(a.id)).toMatchObject({ slot_id: one.id, status: 'booked', rescheduled_count: 0 });
      expect(await row(b.id)).toMatchObject({ slot_id: two.id, status: 'booked', rescheduled_count: 0 });
      expect([await taken(one.id), await taken(two.id)]).toEqual([1, 1]);
    }
  });

  it('a reschedule racing a cancel of the same appointment: all finish, without a deadlock', async () => {
    // Slots `first` and `second` in id order (the order every change locks slots in). P is in `second`
    // and is about to move to `first`; Q, in `first`, is about to move to `second`.
    const [first, second] = [await aSlot(2), await aSlot(2)].sort((a, b) => a.id.localeCompare(b.id));
    const p = await bookInto(second!);
    const q = await bookInto(first!);
    const waiting = async () =>
      (
        (await db.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )) as { n: number }[]
      )[0]!.n;
    const untilWaiting = (n: number) =>
      eventually(async () => expect(await waiting()).toBe(n), { timeoutMs: 5_000, intervalMs: 20 });

    // A gate on P's row holds the move of P after it has locked both slots.
    const gate = db.dataSource.createQueryRunner();
    await gate.connect();
    await gate.startTransaction();
    await gate.query(`SELECT 1 FROM booking.appointment WHERE id = $1 FOR UPDATE`, [p.id]);
    try {
      const move = codeOf(reschedule.execute(keyworker, p.id, { slotId: first!.id }, undefined));
      await untilWaiting(1);
      // The cancel has read P in `second` and waits for that slot; Q's move waits for `first`.
      const cancelling = codeOf(
        cancel.execute(keyworker, p.id, { cancelledBy: 'client', reason: 'Found work' }, undefined),
      );
      await untilWaiting(2);
      const otherMove = codeOf(reschedule.execute(keyworker, q.id, { slotId: second!.id }, undefined));
      await untilWaiting(3);
      await gate.commitTransaction();
      // P is in `first` now: the cancel holding `second` must not wait for `first` (Q's move holds it
      // and waits for `second`); it lets go and locks both afresh, in id order.
      expect(await Promise.all([move, otherMove, cancelling])).toEqual(['ok', 'ok', 'ok']);
    } finally {
      if (gate.isTransactionActive) await gate.rollbackTransaction();
      await gate.release();
    }
    expect(await row(p.id)).toMatchObject({ slot_id: first!.id, status: 'cancelled' });
    expect(await row(q.id)).toMatchObject({ slot_id: second!.id, status: 'booked' });
    expect([await taken(first!.id), await taken(second!.id)]).toEqual([0, 1]);
    expect(await eventTypes(p.id)).toEqual([
      'appointment.booked.v1',
      'appointment.rescheduled.v1',
      'appointment.cancelled.v1',
    ]);
  });
});
