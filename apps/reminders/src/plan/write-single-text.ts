import { randomUUID } from 'node:crypto';
import type { ReminderStep } from '@careloop/contracts';
import type { EntityManager } from 'typeorm';
import type { ReminderAppointment } from '../appointment/reminder-appointment.entity';
import { ReminderClient } from '../client/reminder-client.entity';
import { whyNotTextable, type NotTextableReason } from '../client/why-not-textable';
import { Reminder } from './reminder.entity';
import type { ReminderJobs } from './reminder-jobs';

/** When a one-off text is due, or why it is skipped (offer-plan, missed-plan decide). */
export type PlannedText =
  { dueAt: Date; status: 'scheduled'; reason: null } | { dueAt: Date; status: 'skipped'; reason: string };

/**
 * Writes the one step of a one-off text (an offer, "sorry we missed you") in the caller's transaction
 * and schedules its job once it commits. UNIQUE (appointment, version, step) keeps the first, so
 * planning it twice adds nothing (undefined). A client registered here who may not be texted is
 * skipped at once; one not registered yet (version 0: known only from contact or consent events; or
 * absent, since client events come on another topic) is left to the worker, which checks when due.
 */
export async function writeSingleText(
  manager: EntityManager,
  jobs: ReminderJobs,
  now: Date,
  appointment: ReminderAppointment,
  step: ReminderStep,
  plan: (notTextable: NotTextableReason | null) => PlannedText,
): Promise<Reminder | undefined> {
  const client = await manager.findOneBy(ReminderClient, { clientId: appointment.clientId });
  const planned = plan(client && client.version > 0 ? whyNotTextable(client) : null);
  const row = manager.create(Reminder, {
    id: randomUUID(),
    appointmentId: appointment.appointmentId,
    clientId: appointment.clientId,
    orgId: appointment.orgId,
    step,
    appointmentVersion: appointment.version,
    dueAt: planned.dueAt,
    status: planned.status,
    statusReason: planned.reason,
    createdAt: now,
    updatedAt: now,
  });
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(Reminder)
    .values(row)
    .orIgnore()
    .returning(['id'])
    .execute();
  if ((result.raw as unknown[]).length === 0) return undefined;
  if (row.status === 'scheduled') jobs.scheduleAfterCommit(manager, [row]);
  return row;
}
