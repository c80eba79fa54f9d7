import { randomUUID } from 'node:crypto';
import { eventually } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { SendReminder } from '../../src/sending/send-reminder';
import { SendingModule } from '../../src/sending/sending.module';
import {
  aBookedEvent,
  aRebookNeededEvent,
  aRescheduledEvent,
  aTextableClient,
  remindersPlansWith,
} from '../support/plan-fixtures';
import { useRemindersPlans } from '../support/use-reminders-plans';

/** Friday 20 March 2026, midday GMT: well outside quiet hours. */
const NOON = '2026-03-20T12:00:00Z';
const at = (iso: string) => ({ occurredAt: iso });

/**
 * An in-reach session cancelled with nowhere to move its appointments: booking keeps each one booked
 * (in a withdrawn slot) for a keyworker to rebook. Reminders must stop telling the client to come,
 * and start again once the rebook moves the appointment. Real Postgres, jobs on BullMQ on the real
 * Redis, the sending worker on the development inbox.
 */
describe('reminders for an appointment whose in-reach session was cancelled', () => {
  const clock = new ManualClock(NOON);
  const h = useRemindersPlans({
    database: 'reminders_session_cancelled',
    redis: 'reminders-session-cancelled',
    clock,
    module: remindersPlansWith(
      SendingModule.withJobPolicy({ concurrency: 2, maxAttempts: 3, backoffMs: 200 }),
    ),
    env: () => ({ SMS_GATEWAY: 'dev_inbox' }),
  });

  const appointmentRow = async (appointmentId: string) =>
    (
      await h.dataSource.query<{ status: string; version: number; session_cancelled_at: Date | null }[]>(
        `SELECT "status", "version", "session_cancelled_at" FROM "reminders"."appointment"
          WHERE "appointment_id" = $1`,
        [appointmentId],
      )
    )[0];
  const textsFor = (appointmentId: string) =>
    h.dataSource.query<{ reminder_id: string; body: string }[]>(
      `SELECT "reminder_id", "body" FROM "reminders"."sms_message" WHERE "appointment_id" = $1`,
      [appointmentId],
    );
  const statuses = async (appointmentId: string) =>
    (await h.reminders(appointmentId)).map((r) => [r.appointment_version, r.step, r.status, r.status_reason]);
  /** Waits until the worker has closed every confirmation (it is due at once). */
  const confirmationsClosed = (appointmentId: string) =>
    eventually(async () => {
      const open = (await h.reminders(appointmentId)).filter(
        (r) => r.step === 'confirmation' && r.status === 'scheduled',
      );
      expect(open).toEqual([]);
    });

  it('ends the plan, texts nothing more, and plans afresh once a keyworker rebooks', async () => {
    clock.set(NOON);
    const clientId = randomUUID();
    await h.publish(...aTextableClient(clientId, '+447700900151'));
    // Monday 30 March 2026 10:00 BST, at an in-reach session.
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-30T09:00:00Z' }, at(NOON));
    const { appointmentId } = booked.data;
    await h.publish(booked);
    await confirmationsClosed(appointmentId);
    const planned = await h.reminders(appointmentId);

    const rebookNeeded = aRebookNeededEvent(booked, at('2026-03-20T12:30:00Z'));
    await h.publish(rebookNeeded);

    expect(await statuses(appointmentId)).toEqual([
      [1, 'confirmation', 'sent', null],
      [1, 'three_days_before', 'cancelled', 'session_cancelled'],
      [1, 'evening_before', 'cancelled', 'session_cancelled'],
      [1, 'two_hours_before', 'cancelled', 'session_cancelled'],
    ]);
    for (const r of planned.slice(1)) expect(await h.job(r.id)).toBeUndefined();
    // Still booked, in its withdrawn slot, until someone moves or cancels it.
    expect(await appointmentRow(appointmentId)).toEqual({
      status: 'booked',
      version: 1,
      session_cancelled_at: new Date('2026-03-20T12:30:00Z'),
    });

    // Redelivered, or told twice: nothing more changes.
    await h.publish(rebookNeeded, { ...rebookNeeded, id: randomUUID(), occurredAt: '2026-03-20T12:40:00Z' });
    expect(await appointmentRow(appointmentId)).toMatchObject({
      session_cancelled_at: new Date('2026-03-20T12:30:00Z'),
    });

    // A stray job of the old plan, run the evening before, sends nothing.
    clock.set('2026-03-29T17:00:00Z');
    const eveningBefore = planned.find((r) => r.step === 'evening_before')!;
    await expect(
      h.running.app.get(SendReminder).execute(eveningBefore.id, { finalAttempt: true }),
    ).resolves.toEqual({ kind: 'nothing_to_do' });
    expect((await textsFor(appointmentId)).map((t) => t.reminder_id)).toEqual([planned[0]!.id]);

    // The keyworker rebooks: Thursday 2 April 14:30 BST.
    clock.set('2026-03-20T13:00:00Z');
    await h.publish(aRescheduledEvent(booked, '2026-04-02T13:30:00Z', at('2026-03-20T13:00:00Z')));
    await confirmationsClosed(appointmentId);

    expect(await appointmentRow(appointmentId)).toEqual({
      status: 'booked',
      version: 2,
      session_cancelled_at: null,
    });
    expect((await statuses(appointmentId)).filter(([version]) => version === 2)).toEqual([
      [2, 'confirmation', 'sent', null],
      [2, 'three_days_before', 'scheduled', null],
      [2, 'evening_before', 'scheduled', null],
      [2, 'two_hours_before', 'scheduled', null],
    ]);
    const texts = await textsFor(appointmentId);
    expect(texts).toHaveLength(2);
    expect(texts.map((t) => t.body).join('\n')).toContain('Thu 2 Apr at 14:30');
  });
});
