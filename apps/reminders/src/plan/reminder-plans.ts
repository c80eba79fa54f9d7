import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { REMINDER_STEPS, type ReminderStep } from '@careloop/contracts';
import { CLOCK, type Clock } from '@careloop/time';
import { ReminderAppointment } from '../appointment/reminder-appointment.entity';
import { ReminderClient } from '../client/reminder-client.entity';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { Reminder, type ReminderStatus } from './reminder.entity';

/** Another step of the same plan, as far as the worker needs to know it. */
export interface PlanStep {
  step: ReminderStep;
  dueAt: Date;
  status: ReminderStatus;
}

/** A reminder with what sending it needs. `client` is null until the client's registration is known. */
export interface ReminderWithContext {
  reminder: Reminder;
  appointment: ReminderAppointment;
  client: ReminderClient | null;
  /**
   * The steps after this one in the same appointment version's plan, in plan order: after an outage
   * a later step may be due too, and then this one is stale.
   */
  laterSteps: PlanStep[];
}

/** Why a loaded reminder must not be sent whatever else holds; null when its plan is still current. */
export type StalePlanReason =
  | 'not_scheduled'
  | 'appointment_not_booked'
  | 'offer_not_open'
  | 'appointment_not_missed'
  | 'appointment_session_cancelled'
  | 'appointment_changed';

/** How the worker closes a reminder. */
export type ReminderOutcome = Extract<ReminderStatus, 'sent' | 'skipped' | 'unknown'>;

/**
 * What the sending worker reads and writes of the plans: a reminder with its appointment and client,
 * and its final status. Re-planning (reschedule, cancellation, consent, erasure) ends reminders with
 * `UPDATE ... WHERE status = 'scheduled'`, so a worker that loads with `lock` and marks in the same
 * transaction is never overtaken: one of the two waits for the other and sees its outcome.
 */
@Injectable()
export class ReminderPlans {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async load(
    manager: EntityManager,
    reminderId: string,
    options: { lock?: boolean } = {},
  ): Promise<ReminderWithContext | undefined> {
    const reminder = await manager.findOne(Reminder, {
      where: { id: reminderId },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!reminder) return undefined;
    const appointment = await manager.findOneByOrFail(ReminderAppointment, {
      appointmentId: reminder.appointmentId,
    });
    const client = await manager.findOneBy(ReminderClient, { clientId: reminder.clientId });
    const laterSteps = await laterStepsOf(manager, reminder);
    // Version 0 is a client known only from contact or consent events: not registered here yet.
    return { reminder, appointment, client: client && client.version > 0 ? client : null, laterSteps };
  }

  /**
   * Closes a scheduled reminder with the worker's outcome. Returns false, changing nothing, when it
   * is no longer scheduled (re-planned or closed meanwhile).
   */
  async mark(
    manager: EntityManager,
    reminderId: string,
    outcome: ReminderOutcome,
    reason: string | null = null,
  ): Promise<boolean> {
    const [, changed] = (await manager.query(
      `UPDATE "${REMINDERS_SCHEMA}"."reminder" SET "status" = $2, "status_reason" = $3, "updated_at" = $4
       WHERE "id" = $1 AND "status" = 'scheduled'`,
      [reminderId, outcome, reason, this.clock.now()],
    )) as [unknown[], number];
    return changed === 1;
  }
}

/**
 * Whether the plan a reminder belongs to is still the appointment's current one: an offer text only
 * while the appointment is still an open offer, "sorry we missed you" only while it is recorded as
 * missed (not corrected to attended), any other step only while it is booked.
 */
export function stalePlanReason({ reminder, appointment }: ReminderWithContext): StalePlanReason | null {
  if (reminder.status !== 'scheduled') return 'not_scheduled';
  if (reminder.step === 'offer') {
    if (appointment.status !== 'offered') return 'offer_not_open';
  } else if (reminder.step === 'missed') {
    if (appointment.status !== 'missed') return 'appointment_not_missed';
  } else if (appointment.status !== 'booked') return 'appointment_not_booked';
  if (appointment.sessionCancelledAt) return 'appointment_session_cancelled';
  if (appointment.version !== reminder.appointmentVersion) return 'appointment_changed';
  return null;
}

/** The steps of the reminder's plan (same appointment version) that come after it, in plan order. */
async function laterStepsOf(manager: EntityManager, reminder: Reminder): Promise<PlanStep[]> {
  const rows = await manager.query<{ step: ReminderStep; due_at: Date; status: ReminderStatus }[]>(
    `SELECT "step", "due_at", "status" FROM "${REMINDERS_SCHEMA}"."reminder"
      WHERE "appointment_id" = $1 AND "appointment_version" = $2 AND "id" <> $3`,
    [reminder.appointmentId, reminder.appointmentVersion, reminder.id],
  );
  const position = planPosition(reminder.step);
  return rows
    .filter((row) => planPosition(row.step) > position)
    .sort((a, b) => planPosition(a.step) - planPosition(b.step))
    .map((row) => ({ step: row.step, dueAt: new Date(row.due_at), status: row.status }));
}

function planPosition(step: ReminderStep): number {
  return REMINDER_STEPS.indexOf(step);
}
