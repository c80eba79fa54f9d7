import { randomUUID } from 'node:crypto';
import { deadLetterTopic, TOPICS } from '@careloop/contracts';
import { createTestDatabase, deleteRedisKeys, uniqueRedisPrefix, type TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { afterCommit } from '../../src/plan/after-commit';
import { ReminderPlans, stalePlanReason } from '../../src/plan/reminder-plans';
import {
  aBookedEvent,
  aCancelledEvent,
  aHeldEvent,
  anAttendanceRecordedEvent,
  aRescheduledEvent,
  startRemindersPlans,
  type RemindersPlansHarness,
} from '../support/plan-fixtures';

const iso = (d: Date) => d.toISOString();
/** Events published as the test clock starts (an event's time orders it against later ones). */
const AT_START = { occurredAt: '2026-03-20T12:00:00Z' };

/**
 * Booking's events through the real consume pipeline (in-process bus, inbox, one transaction per
 * event) on real Postgres, with jobs on BullMQ on the real Redis: plans, re-plans and their jobs.
 */
describe('reminder plans from booking events', () => {
  let testDb: TestDatabase;
  let redisPrefix: string;
  let clock: ManualClock;
  let h: RemindersPlansHarness;

  beforeAll(async () => {
    testDb = await createTestDatabase('reminders_plans');
    redisPrefix = uniqueRedisPrefix('reminders-plans');
    // Ten days before the spring clock change of Sunday 29 March 2026.
    clock = new ManualClock('2026-03-20T12:00:00Z');
    h = await startRemindersPlans({ databaseUrl: testDb.url, clock, redisPrefix });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await testDb?.drop();
    if (redisPrefix) await deleteRedisKeys(redisPrefix);
  });

  const appointmentRow = async (appointmentId: string) =>
    (
      (await h.dataSource.query(
        `SELECT "status", "version", "starts_at", "location" FROM "reminders"."appointment" WHERE "appointment_id" = $1`,
        [appointmentId],
      )) as { status: string; version: number; starts_at: Date; location: string }[]
    )[0];

  it('plans each step of a booked appointment at its London time, with a job per step carrying only the id', async () => {
    // Monday 30 March 2026 10:00 BST, after the clocks go forward.
    const booked = aBookedEvent({ startsAt: '2026-03-30T09:00:00Z' }, AT_START);
    await h.publish(booked);

    const rows = await h.reminders(booked.data.appointmentId);
    expect(rows.map((r) => [r.step, r.appointment_version, iso(r.due_at), r.status])).toEqual([
      ['confirmation', 1, '2026-03-20T12:00:00.000Z', 'scheduled'],
      // Friday 27 March 10:00 GMT and Sunday 29 March 18:00 BST.
      ['three_days_before', 1, '2026-03-27T10:00:00.000Z', 'scheduled'],
      ['evening_before', 1, '2026-03-29T17:00:00.000Z', 'scheduled'],
      ['two_hours_before', 1, '2026-03-30T07:00:00.000Z', 'scheduled'],
    ]);
    for (const r of rows) {
      expect(await h.job(r.id)).toMatchObject({
        id: `reminder:${r.id}`,
        state: 'scheduled',
        runAt: r.due_at,
        data: { reminderId: r.id },
      });
    }
    expect(await appointmentRow(booked.data.appointmentId)).toMatchObject({ status: 'booked', version: 1 });
  });

  it('keeps skipped steps as rows with their reason, and schedules no job for them', async () => {
    // Booked at 12:00 for 15:00 the same day: only the confirmation and two hours before can go.
    const booked = aBookedEvent({ startsAt: '2026-03-20T15:00:00Z' }, AT_START);
    await h.publish(booked);

    const rows = await h.reminders(booked.data.appointmentId);
    expect(rows.map((r) => [r.step, r.status, r.status_reason])).toEqual([
      ['confirmation', 'scheduled', null],
      ['three_days_before', 'skipped', 'past'],
      ['evening_before', 'skipped', 'past'],
      ['two_hours_before', 'scheduled', null],
    ]);
    expect(await h.job(rows[1]!.id)).toBeUndefined();
    expect(await h.job(rows[3]!.id)).toMatchObject({ runAt: new Date('2026-03-20T13:00:00Z') });
  });

  it('a reschedule supersedes the old plan, removes its jobs, and plans the new time', async () => {
    const booked = aBookedEvent({ startsAt: '2026-03-30T09:00:00Z' }, { occurredAt: '2026-03-20T11:00:00Z' });
    await h.publish(booked);
    const before = await h.reminders(booked.data.appointmentId);

    clock.advance(60 * 60_000);
    // Moved to Thursday 2 April 14:30 BST, at another clinic.
    const rescheduled = aRescheduledEvent(booked, '2026-04-02T13:30:00Z', {
      occurredAt: '2026-03-20T13:00:00Z',
      data: { location: 'Riverside Clinic, 1 Quay Street' },
    });
    await h.publish(rescheduled);

    const rows = await h.reminders(booked.data.appointmentId);
    expect(
      rows.filter((r) => r.appointment_version === 1).map((r) => [r.id, r.status, r.status_reason]),
    ).toEqual(before.map((r) => [r.id, 'superseded', 'rescheduled']));
    for (const old of before) expect(await h.job(old.id)).toBeUndefined();

    const current = rows.filter((r) => r.appointment_version === 2);
    expect(current.map((r) => [r.step, iso(r.due_at), r.status])).toEqual([
      // The client hears of the new time at once.
      ['confirmation', '2026-03-20T13:00:00.000Z', 'scheduled'],
      ['three_days_before', '2026-03-30T09:00:00.000Z', 'scheduled'],
      ['evening_before', '2026-04-01T17:00:00.000Z', 'scheduled'],
      ['two_hours_before', '2026-04-02T11:30:00.000Z', 'scheduled'],
    ]);
    for (const r of current)
      expect(await h.job(r.id)).toMatchObject({
        state: 'scheduled',
        runAt: r.due_at,
        data: { reminderId: r.id },
      });
    expect(await appointmentRow(booked.data.appointmentId)).toMatchObject({
      status: 'booked',
      version: 2,
      starts_at: new Date('2026-04-02T13:30:00Z'),
      location: 'Riverside Clinic, 1 Quay Street',
    });

    // The worker, holding an old reminder, finds it no longer scheduled and cannot close it.
    const plans = h.running.app.get(ReminderPlans);
    await h.dataSource.transaction(async (manager) => {
      const old = await plans.load(manager, before[3]!.id, { lock: true });
      expect(old && stalePlanReason(old)).toBe('not_scheduled');
      expect(await plans.mark(manager, before[3]!.id, 'sent')).toBe(false);
    });
  });

  it('an older event arriving late changes nothing', async () => {
    const booked = aBookedEvent({ startsAt: '2026-04-06T09:00:00Z' }, { occurredAt: '2026-03-20T09:00:00Z' });
    const moved = aRescheduledEvent(booked, '2026-04-07T09:00:00Z', { occurredAt: '2026-03-20T11:00:00Z' });
    const stale = aRescheduledEvent(booked, '2026-04-08T09:00:00Z', { occurredAt: '2026-03-20T10:00:00Z' });
    const staleCancel = aCancelledEvent(booked, { occurredAt: '2026-03-20T10:30:00Z' });
    await h.publish(booked, moved);
    const plan = await h.reminders(booked.data.appointmentId);

    await h.publish(stale, staleCancel, { ...booked, id: randomUUID() });

    expect(await appointmentRow(booked.data.appointmentId)).toMatchObject({
      status: 'booked',
      version: 2,
      starts_at: new Date('2026-04-07T09:00:00Z'),
    });
    expect(await h.reminders(booked.data.appointmentId)).toEqual(plan);
  });

  it('a cancellation cancels what is still scheduled, with its jobs; a reminder already sent stays sent', async () => {
    const booked = aBookedEvent({ startsAt: '2026-03-30T09:00:00Z' }, AT_START);
    await h.publish(booked);
    const [confirmation, ...later] = await h.reminders(booked.data.appointmentId);
    const plans = h.running.app.get(ReminderPlans);
    await h.dataSource.transaction(async (manager) => {
      const loaded = await plans.load(manager, confirmation!.id, { lock: true });
      expect(loaded && stalePlanReason(loaded)).toBeNull();
      expect(await plans.mark(manager, confirmation!.id, 'sent')).toBe(true);
    });

    await h.publish(aCancelledEvent(booked, { occurredAt: '2026-03-20T12:30:00Z' }));

    const rows = await h.reminders(booked.data.appointmentId);
    expect(rows.map((r) => [r.step, r.status, r.status_reason])).toEqual([
      ['confirmation', 'sent', null],
      ['three_days_before', 'cancelled', 'appointment_cancelled'],
      ['evening_before', 'cancelled', 'appointment_cancelled'],
      ['two_hours_before', 'cancelled', 'appointment_cancelled'],
    ]);
    for (const r of later) expect(await h.job(r.id)).toBeUndefined();
    expect(await appointmentRow(booked.data.appointmentId)).toMatchObject({
      status: 'cancelled',
      version: 2,
    });
  });

  it('recorded attendance ends the appointment and cancels any step still scheduled', async () => {
    const booked = aBookedEvent({ startsAt: '2026-03-30T09:00:00Z' }, AT_START);
    await h.publish(booked);
    // Left before being seen: a miss, but no "sorry we missed you" (that is for did not attend).
    await h.publish(
      anAttendanceRecordedEvent(booked, 'left_before_seen', { occurredAt: '2026-03-20T12:30:00Z' }),
    );

    expect(await appointmentRow(booked.data.appointmentId)).toMatchObject({ status: 'missed', version: 1 });
    const rows = await h.reminders(booked.data.appointmentId);
    expect(rows.map((r) => [r.status, r.status_reason])).toEqual(
      Array(4).fill(['cancelled', 'attendance_recorded']),
    );
    for (const r of rows) expect(await h.job(r.id)).toBeUndefined();
  });

  it('a hold plans nothing', async () => {
    const appointmentId = randomUUID();
    await h.publish(aHeldEvent({ appointmentId, clientId: randomUUID(), startsAt: '2026-03-30T09:00:00Z' }));
    expect(await appointmentRow(appointmentId)).toBeUndefined();
    expect(await h.reminders(appointmentId)).toEqual([]);
  });

  it('a reschedule of an appointment whose booking was never seen is dead-lettered and plans nothing', async () => {
    const unseen = aBookedEvent({ startsAt: '2026-03-30T09:00:00Z' });
    const rescheduled = aRescheduledEvent(unseen, '2026-04-02T09:00:00Z');
    await h.publish(rescheduled);

    const deadLetters = h.running.bus.inProcessBus!.messages(deadLetterTopic(TOPICS.booking));
    expect(deadLetters.map((m) => m.headers['x-event-id'])).toContain(rescheduled.id);
    expect(await h.reminders(unseen.data.appointmentId)).toEqual([]);
  });
  it('adds jobs only once the rows are committed for all to see, and never for a transaction rolled back', async () => {
    const appointmentId = randomUUID();
    const insertAppointment = `INSERT INTO "reminders"."appointment" ("appointment_id", "org_id", "client_id",
      "status", "starts_at", "location", "provider_name", "service_type", "version", "last_event_at")
      VALUES ($1, 'org-riverside-cdas', $2, 'booked', now(), 'Hillside Surgery', 'Hillside Surgery', 'gp_review', 1, now())`;
    const seenByOthers = async () =>
      (
        (await h.dataSource.query(`SELECT 1 FROM "reminders"."appointment" WHERE "appointment_id" = $1`, [
          appointmentId,
        ])) as unknown[]
      ).length === 1;

    const ran: string[] = [];
    await expect(
      h.dataSource.transaction(async (manager) => {
        await manager.query(insertAppointment, [appointmentId, randomUUID()]);
        afterCommit(manager, async () => void ran.push('rolled back'));
        throw new Error('the handler failed');
      }),
    ).rejects.toThrow('the handler failed');
    expect(ran).toEqual([]);

    await h.dataSource.transaction(async (manager) => {
      await manager.query(insertAppointment, [appointmentId, randomUUID()]);
      afterCommit(manager, async () => void ran.push(`committed, visible: ${await seenByOthers()}`));
      expect(ran).toEqual([]);
    });
    expect(ran).toEqual(['committed, visible: true']);
  });
});

describe('reminder jobs lost between commit and scheduling', () => {
  let testDb: TestDatabase;
  let redisPrefix: string;
  const clock = new ManualClock('2026-11-02T10:15:00Z');

  beforeAll(async () => {
    testDb = await createTestDatabase('reminders_plans_restart');
    redisPrefix = uniqueRedisPrefix('reminders-restart');
  });

  afterAll(async () => {
    await testDb?.drop();
    if (redisPrefix) await deleteRedisKeys(redisPrefix);
  });

  it('are scheduled again at start-up; reminders no longer scheduled get none', async () => {
    const first = await startRemindersPlans({ databaseUrl: testDb.url, clock, redisPrefix });
    const booked = aBookedEvent({ startsAt: '2026-11-10T14:30:00Z' }, { occurredAt: '2026-11-02T10:00:00Z' });
    const cancelled = aBookedEvent(
      { startsAt: '2026-11-11T14:30:00Z' },
      { occurredAt: '2026-11-02T10:00:00Z' },
    );
    await first.publish(
      booked,
      cancelled,
      aCancelledEvent(cancelled, { occurredAt: '2026-11-02T10:10:00Z' }),
    );
    const scheduled = await first.reminders(booked.data.appointmentId);
    // The jobs vanish, as if the process died after the commit and before adding them.
    for (const r of scheduled) await first.scheduler.cancel('reminders', `reminder:${r.id}`);
    expect(await first.job(scheduled[0]!.id)).toBeUndefined();
    await first.close();

    const second = await startRemindersPlans({ databaseUrl: testDb.url, clock, redisPrefix });
    try {
      await second.sweepDone();
      for (const r of scheduled)
        expect(await second.job(r.id)).toMatchObject({
          state: 'scheduled',
          runAt: r.due_at,
          data: { reminderId: r.id },
        });
      for (const r of await second.reminders(cancelled.data.appointmentId)) {
        expect(r.status).toBe('cancelled');
        expect(await second.job(r.id)).toBeUndefined();
      }
    } finally {
      await second.close();
    }
  });
});
