import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@careloop/time';
import type { ReminderAppointment } from '../appointment/reminder-appointment.entity';
import { REMINDERS_POLICY, type RemindersPolicy } from '../reminders-policy';
import { planReminders } from './reminder-plan';
import { Reminder } from './reminder.entity';
import { ReminderJobs } from './reminder-jobs';

/**
 * Writes the plan of an appointment's current version, one row per step (skipped steps too, with
 * why), in the caller's transaction, and schedules a job per scheduled step once it commits. Planning
 * a version twice adds nothing: UNIQUE (appointment, version, step) keeps the first plan.
 * Consent and the number are not checked here: their events come on another topic, in no order
 * with booking's, so the worker checks them when the step is due.
 */
@Injectable()
export class PlanReminders {
  constructor(
    @Inject(REMINDERS_POLICY) private readonly policy: RemindersPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly jobs: ReminderJobs,
  ) {}

  async execute(manager: EntityManager, appointment: ReminderAppointment): Promise<Reminder[]> {
    const now = this.clock.now();
    const rows = planReminders(appointment.startsAt, now, this.policy).map((p) =>
      manager.create(Reminder, {
        id: randomUUID(),
        appointmentId: appointment.appointmentId,
        clientId: appointment.clientId,
        orgId: appointment.orgId,
        step: p.step,
        appointmentVersion: appointment.version,
        dueAt: p.dueAt,
        status: p.status,
        statusReason: p.reason,
        createdAt: now,
        updatedAt: now,
      }),
    );
    if (rows.length === 0) return [];
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Reminder)
      .values(rows)
      .orIgnore()
      .returning(['id'])
      .execute();
    const inserted = new Set((result.raw as { id: string }[]).map((r) => r.id));
    const planned = rows.filter((r) => inserted.has(r.id));
    this.jobs.scheduleAfterCommit(
      manager,
      planned.filter((r) => r.status === 'scheduled'),
    );
    return planned;
  }
}
