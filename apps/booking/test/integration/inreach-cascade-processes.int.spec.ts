import { randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { AuditTrail } from '@careloop/auth';
import type { InreachSession } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import { createTestDatabase, eventually, type TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import type { AttendanceWindow } from '@careloop/contracts';
import { bookAppointmentBody, type AppointmentView } from '../../src/appointment/appointment.dto';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { bookingService } from '../../src/booking.service';
import { MakeSessionSlots } from '../../src/inreach/make-session-slots';
import { MAX_MOVE_ATTEMPTS } from '../../src/inreach/move-appointments-out-of-cancelled-sessions';
import { WithdrawSessionSlots } from '../../src/inreach/withdraw-session-slots';
import type { Site } from '../../src/organisation/site.entity';
import { appointmentsAt } from '../support/appointment-use-cases';
import { aBookingClient, aPrincipal, RIVERSIDE_CDAS } from '../support/booking-fixtures';
import { eventsInOutbox } from '../support/events-in-outbox';
import {
  aHostSite,
  aSession,
  sessionPublished,
  sessionWithdrawn,
  slotsOfSessions,
} from '../support/inreach-sessions';
import { aCascade, movesOfSession } from '../support/session-moves';

const QUIET = { info: () => undefined, warn: () => undefined };
const TUESDAYS: AttendanceWindow[] = [{ day: 'tue', from: '09:00', to: '12:00' }];
const FRIDAYS: AttendanceWindow[] = [{ day: 'fri', from: '09:00', to: '12:00' }];
const RACES = 20;

/**
 * The cascade across booking processes on real Postgres: two databases handles (two pools, as two
 * processes have) over one database. The rows are the truth: a process that dies mid-cascade leaves
 * the rest pending for another, processes running at once share the rows, and no appointment is
 * moved twice or given a seat someone else has. Also: the client's usual days, an appointment that
 * left the session meanwhile, and a row that keeps failing.
 */
describe('the in-reach cascade across booking processes', () => {
  const clock = new ManualClock('2030-01-07T09:00:00Z');
  const worker = aPrincipal({ orgId: RIVERSIDE_CDAS });
  let testDb: TestDatabase;
  let processA: Database;
  let processB: Database;
  let site: Site;

  beforeAll(async () => {
    testDb = await createTestDatabase('booking_inreach_cascade_processes');
    processA = await Database.open({ url: testDb.url, logger: QUIET }, [bookingService.database]);
    processB = await Database.open({ url: testDb.url, logger: QUIET }, [bookingService.database]);
    site = await processA.transaction((m) => aHostSite(m, { orgId: RIVERSIDE_CDAS }));
  });

  afterAll(async () => {
    await processA?.close();
    await processB?.close();
    await testDb?.drop();
  });

  beforeEach(() => clock.set('2030-01-07T09:00:00Z'));

  const outbox = () => new Outbox(BOOKING_SCHEMA, clock);

  /** Sessions of one service, as booking's consumer makes their slots; the slots of each, by start. */
  const published = async <T extends InreachSession[]>(...sessions: T) => {
    const make = new MakeSessionSlots(outbox(), clock);
    for (const session of sessions)
      await processA.transaction((m) => make.execute(m, sessionPublished(session)));
    return slotsOfSessions(processA.dataSource, sessions);
  };
  const sessionOn = (serviceId: string, day: string, minutes: number, seatsPerSlot: number) =>
    aSession(site, {
      serviceId,
      startsAt: `2030-01-${day}T10:00:00.000Z`,
      endsAt: new Date(Date.parse(`2030-01-${day}T10:00:00.000Z`) + minutes * 60_000).toISOString(),
      seatsPerSlot,
    });

  const withdraw = (session: InreachSession) =>
    processA.transaction((m) =>
      new WithdrawSessionSlots(outbox(), new AuditTrail(), clock).execute(m, sessionWithdrawn(session)),
    );

  /** Books a new client a minute after the last booking, so who booked first is clear. */
  const book = async (slotId: string, attendancePattern?: AttendanceWindow[]): Promise<AppointmentView> => {
    clock.advance(60_000);
    const client = await processA.transaction((m) =>
      aBookingClient(m, { orgId: RIVERSIDE_CDAS, attendancePattern }),
    );
    const body = bookAppointmentBody.parse({ slotId, clientId: client.clientId });
    return (await appointmentsAt(processA.dataSource, clock).book.execute(worker, body, randomUUID())).result;
  };

  const placeOf = async (appointmentId: string) =>
    (
      (await processA.dataSource.query(`SELECT slot_id, seat FROM booking.appointment WHERE id = $1`, [
        appointmentId,
      ])) as { slot_id: string; seat: number }[]
    )[0]!;
  const eventCount = async (appointmentId: string, type: string) =>
    (await eventsInOutbox(processA.dataSource, { key: appointmentId, type })).length;
  const statusesOf = async (sessionId: string) =>
    new Map((await movesOfSession(processA.dataSource, sessionId)).map((r) => [r.appointment_id, r]));

  it('a process dying mid-cascade leaves the rest pending; another process finishes, moving nobody twice', async () => {
    const serviceId = randomUUID();
    const cancelled = sessionOn(serviceId, '09', 30, 4);
    const [[slot], [target]] = await published(cancelled, sessionOn(serviceId, '16', 30, 4));
    const booked = [];
    for (let i = 0; i < 4; i += 1) booked.push(await book(slot!.id));
    await withdraw(cancelled);

    // Someone else has the second client's appointment locked, so process A is in the middle of that
    // row when it dies: its connection is cut, as when the process is killed.
    const blocker = processB.dataSource.createQueryRunner();
    let dying: Promise<number>;
    try {
      const blockerPid = await lockAppointmentRow(blocker, booked[1]!.id);
      dying = aCascade(processA.dataSource, clock, { movesPerRun: 2 }).task.run(clock.now());
      const blocked = await eventually(async () => {
        const waiting: { pid: number }[] = await processB.dataSource.query(
          `SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
          [blockerPid],
        );
        expect(waiting).toHaveLength(1);
        return waiting[0]!.pid;
      });
      await processB.dataSource.query(`SELECT pg_terminate_backend($1)`, [blocked]);
      await expect(dying).rejects.toThrow(/1 of 2 appointment\(s\) to move/);
    } finally {
      await blocker.rollbackTransaction().catch(() => undefined);
      await blocker.release();
    }

    const [first, second, third, fourth] = booked.map((a) => a.id) as [string, string, string, string];
    let rows = await statusesOf(cancelled.sessionId);
    expect(rows.get(first)).toMatchObject({ status: 'moved', new_slot_id: target!.id, attempts: 1 });
    // The row being worked when the process died rolled back with it: pending, as if never tried.
    for (const id of [second, third, fourth]) {
      expect(rows.get(id)).toMatchObject({ status: 'pending', attempts: 0, new_slot_id: null });
      expect((await placeOf(id)).slot_id).toBe(slot!.id);
    }

    // A new process (its own pool and task) resumes from the rows.
    const restarted = aCascade(processB.dataSource, clock);
    expect(await restarted.task.run(clock.now())).toBe(3);
    rows = await statusesOf(cancelled.sessionId);
    const seats = [];
    for (const id of [first, second, third, fourth]) {
      expect(rows.get(id)).toMatchObject({ status: 'moved', new_slot_id: target!.id });
      expect(await eventCount(id, 'appointment.rescheduled.v1')).toBe(1);
      const place = await placeOf(id);
      expect(place.slot_id).toBe(target!.id);
      seats.push(place.seat);
    }
    expect(seats.sort()).toEqual([1, 2, 3, 4]);
    expect(await takenOf(target!.id)).toBe(4);
    expect(await takenOf(slot!.id)).toBe(0);
    expect(await restarted.counted('moved')).toBe(3);
  });

  it('two processes working the same rows at once, race after race, move each appointment once, never share a seat and never fail', async () => {
    // One race rarely shows a lock-order fault (a deadlock is a failed row, retried at the next
    // tick); twenty in a row showed one nearly every run before each slot tried got its own transaction.
    for (let race = 0; race < RACES; race += 1) {
      clock.set('2030-01-07T09:00:00Z');
      const serviceId = randomUUID();
      // Ten clients in five slots of two; the next session has three slots of two: six seats.
      const cancelled = sessionOn(serviceId, '09', 150, 2);
      const [slots, targets] = await published(cancelled, sessionOn(serviceId, '16', 90, 2));
      const booked: AppointmentView[] = [];
      for (const slot of slots) for (let seat = 0; seat < 2; seat += 1) booked.push(await book(slot.id));
      await withdraw(cancelled);

      const [a, b] = [aCascade(processA.dataSource, clock), aCascade(processB.dataSource, clock)];
      const settled = await Promise.all([a.task.run(clock.now()), b.task.run(clock.now())]);
      expect(settled[0] + settled[1]).toBe(10);

      const rows = await statusesOf(cancelled.sessionId);
      const statuses = booked.map((appointment) => rows.get(appointment.id)?.status).sort();
      expect(statuses).toEqual([...Array(4).fill('rebook_needed'), ...Array(6).fill('moved')].sort());
      expect([...rows.values()].filter((row) => row.last_error !== null)).toEqual([]);
      for (const appointment of booked) {
        const moved = await eventCount(appointment.id, 'appointment.rescheduled.v1');
        const asked = await eventCount(appointment.id, 'appointment.rebook-needed.v1');
        expect({ moved, asked }).toEqual(
          rows.get(appointment.id)?.status === 'moved' ? { moved: 1, asked: 0 } : { moved: 0, asked: 1 },
        );
      }
      for (const target of targets) expect(await takenOf(target.id)).toBe(2);
      expect((await a.counted('moved')) + (await b.counted('moved'))).toBe(6);
      expect((await a.counted('rebook_needed')) + (await b.counted('rebook_needed'))).toBe(4);
      expect((await a.counted('failed')) + (await b.counted('failed'))).toBe(0);
    }
  });

  it('prefers a session on the client’s usual CDAS day within 14 days of the earliest', async () => {
    const serviceId = randomUUID();
    const cancelled = sessionOn(serviceId, '09', 30, 2);
    // Wednesday 16th, then Tuesday 22nd.
    const [[slot], [wednesday], [tuesday]] = await published(
      cancelled,
      sessionOn(serviceId, '16', 30, 2),
      sessionOn(serviceId, '22', 30, 2),
    );
    const comesTuesdays = await book(slot!.id, TUESDAYS);
    const comesFridays = await book(slot!.id, FRIDAYS);
    await withdraw(cancelled);

    expect(await aCascade(processA.dataSource, clock).task.run(clock.now())).toBe(2);
    expect((await placeOf(comesTuesdays.id)).slot_id).toBe(tuesday!.id);
    expect((await placeOf(comesFridays.id)).slot_id).toBe(wednesday!.id);
  });

  it('moves a client to the session at or after their original time, and only then to the nearest earlier one', async () => {
    const serviceId = randomUUID();
    // Booked for Wednesday 23rd; one seat free on the 10th, the 16th and the 30th.
    const cancelled = sessionOn(serviceId, '23', 30, 3);
    const [[slot], [tenth], [sixteenth], [thirtieth]] = await published(
      cancelled,
      sessionOn(serviceId, '10', 30, 1),
      sessionOn(serviceId, '16', 30, 1),
      sessionOn(serviceId, '30', 30, 1),
    );
    const first = await book(slot!.id);
    const second = await book(slot!.id);
    const third = await book(slot!.id);
    await withdraw(cancelled);

    expect(await aCascade(processA.dataSource, clock).task.run(clock.now())).toBe(3);
    // Not pulled two weeks early while a later session has room.
    expect((await placeOf(first.id)).slot_id).toBe(thirtieth!.id);
    expect((await placeOf(second.id)).slot_id).toBe(sixteenth!.id);
    expect((await placeOf(third.id)).slot_id).toBe(tenth!.id);
  });

  it('when asking to rebook fails too, keeps the attempt and the error and asks again at the next tick', async () => {
    const serviceId = randomUUID();
    const cancelled = sessionOn(serviceId, '09', 30, 1);
    const [[slot]] = await published(cancelled, sessionOn(serviceId, '16', 30, 1));
    const stuck = await book(slot!.id);
    await withdraw(cancelled);
    // Every move of the appointment is refused, and so, for a while, is its rebook-needed event.
    const refuseRebook = `ALTER TABLE booking.outbox ADD CONSTRAINT test_refuses_rebook
      CHECK (event_type <> 'appointment.rebook-needed.v1' OR message_key <> '${stuck.id}')`;
    const cascade = aCascade(processA.dataSource, clock);
    try {
      await processA.dataSource.query(
        `ALTER TABLE booking.appointment ADD CONSTRAINT test_refuses_move
           CHECK (id <> '${stuck.id}' OR slot_id = '${slot!.id}')`,
      );
      await processA.dataSource.query(refuseRebook);
      for (let run = 1; run <= MAX_MOVE_ATTEMPTS + 1; run += 1)
        expect(await cascade.task.run(clock.now())).toBe(0);
      const [row] = await movesOfSession(processA.dataSource, cancelled.sessionId);
      expect(row).toMatchObject({
        status: 'pending',
        attempts: MAX_MOVE_ATTEMPTS + 1,
        last_error: expect.stringMatching(
          /^Error: asking the keyworker to rebook failed: .*test_refuses_rebook/,
        ),
      });
      expect(await eventCount(stuck.id, 'appointment.rebook-needed.v1')).toBe(0);

      await processA.dataSource.query(`ALTER TABLE booking.outbox DROP CONSTRAINT test_refuses_rebook`);
      expect(await cascade.task.run(clock.now())).toBe(1);
    } finally {
      await processA.dataSource.query(
        `ALTER TABLE booking.outbox DROP CONSTRAINT IF EXISTS test_refuses_rebook`,
      );
      await processA.dataSource.query(
        `ALTER TABLE booking.appointment DROP CONSTRAINT IF EXISTS test_refuses_move`,
      );
    }
    const [row] = await movesOfSession(processA.dataSource, cancelled.sessionId);
    expect(row).toMatchObject({ status: 'rebook_needed', attempts: MAX_MOVE_ATTEMPTS + 2 });
    expect(await eventCount(stuck.id, 'appointment.rebook-needed.v1')).toBe(1);
    expect((await placeOf(stuck.id)).slot_id).toBe(slot!.id);
  });

  it('leaves an appointment cancelled meanwhile alone, and after repeated failures asks the keyworker to rebook', async () => {
    const serviceId = randomUUID();
    const cancelled = sessionOn(serviceId, '09', 30, 2);
    const [[slot], [next]] = await published(cancelled, sessionOn(serviceId, '16', 30, 2));
    const cancelledByWorker = await book(slot!.id);
    const stuck = await book(slot!.id);
    await withdraw(cancelled);
    await appointmentsAt(processA.dataSource, clock).cancel.execute(
      worker,
      cancelledByWorker.id,
      { cancelledBy: 'cdas', reason: 'Client prefers to wait for a later session' },
      undefined,
    );
    // Something unexpected refuses every move of one appointment (here: a constraint of the test's own).
    await processA.dataSource.query(
      `ALTER TABLE booking.appointment ADD CONSTRAINT test_refuses_move
         CHECK (id <> '${stuck.id}' OR slot_id = '${slot!.id}')`,
    );
    try {
      const cascade = aCascade(processA.dataSource, clock);
      expect(await cascade.task.run(clock.now())).toBe(1);
      let rows = await statusesOf(cancelled.sessionId);
      expect(rows.get(cancelledByWorker.id)).toMatchObject({ status: 'not_needed', new_slot_id: null });
      expect(rows.get(stuck.id)).toMatchObject({
        status: 'pending',
        attempts: 1,
        last_error: expect.stringContaining('test_refuses_move'),
      });
      expect(await eventCount(stuck.id, 'appointment.rebook-needed.v1')).toBe(0);

      for (let run = 2; run < MAX_MOVE_ATTEMPTS; run += 1)
        expect(await cascade.task.run(clock.now())).toBe(0);
      expect(await cascade.task.run(clock.now())).toBe(1);
      rows = await statusesOf(cancelled.sessionId);
      expect(rows.get(stuck.id)).toMatchObject({ status: 'rebook_needed', attempts: MAX_MOVE_ATTEMPTS });
      expect(await eventCount(stuck.id, 'appointment.rebook-needed.v1')).toBe(1);
      expect(await cascade.counted('failed')).toBe(MAX_MOVE_ATTEMPTS);
      expect(await cascade.counted('not_needed')).toBe(1);
      expect(await cascade.counted('rebook_needed')).toBe(1);
    } finally {
      await processA.dataSource.query(`ALTER TABLE booking.appointment DROP CONSTRAINT test_refuses_move`);
    }
    expect((await placeOf(stuck.id)).slot_id).toBe(slot!.id);
    expect(await eventCount(cancelledByWorker.id, 'appointment.rescheduled.v1')).toBe(0);
    expect(await takenOf(next!.id)).toBe(0);
  });

  async function takenOf(slotId: string): Promise<number> {
    const rows: { taken: number }[] = await processA.dataSource.query(
      `SELECT taken FROM booking.slot WHERE id = $1`,
      [slotId],
    );
    return rows[0]!.taken;
  }
});

/** Locks an appointment row in a transaction of its own (someone else at work on it); its backend pid. */
async function lockAppointmentRow(runner: QueryRunner, appointmentId: string): Promise<number> {
  await runner.connect();
  await runner.startTransaction();
  await runner.query(`SELECT 1 FROM booking.appointment WHERE id = $1 FOR UPDATE`, [appointmentId]);
  const [row] = (await runner.query(`SELECT pg_backend_pid() AS pid`)) as { pid: number }[];
  return row!.pid;
}
