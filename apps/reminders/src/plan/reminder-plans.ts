import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@careloop/time';
import { ReminderAppointment } from '../appointment/reminder-appointment.entity';
import { ReminderClient } from '../client/reminder-client.entity';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { Reminder, type ReminderStatus } from './reminder.entity';

/** A reminder with what sending it needs. `client` is null until the client's registration is known. */
export interface ReminderWithContext {
  reminder: Reminder;
  appointment: ReminderAppointment;
  client: ReminderClient | null;
}

/** Why a loaded reminder must not be sent whatever else holds; null when its plan is still current. */
export type StalePlanReason = 'not_scheduled' | 'appointment_not_booked' | 'appointment_changed';

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
    // Version 0 is a client known only from contact or consent events: not registered here yet.
    return { reminder, appointment, client: client && client.version > 0 ? client : null };
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

/** Whether the plan a reminder belongs to is still the appointment's current one. */
export function stalePlanReason({ reminder, appointment }: ReminderWithContext): StalePlanReason | null {
  if (reminder.status !== 'scheduled') return 'not_scheduled';
  if (appointment.status !== 'booked') return 'appointment_not_booked';
  if (appointment.version !== reminder.appointmentVersion) return 'appointment_changed';
  return null;
}
