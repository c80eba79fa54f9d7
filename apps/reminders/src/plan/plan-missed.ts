import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@careloop/time';
import type { ReminderAppointment } from '../appointment/reminder-appointment.entity';
import { ReminderClient } from '../client/reminder-client.entity';
import { whyNotTextable } from '../client/why-not-textable';
import { REMINDERS_POLICY, type RemindersPolicy } from '../reminders-policy';
import { planMissed } from './missed-plan';
import { Reminder } from './reminder.entity';
import { ReminderJobs } from './reminder-jobs';

/**
 * Writes the one `missed` step ("sorry we missed you") of an appointment recorded as not attended,
 * in the caller's transaction, and schedules its job once it commits (planMissed says when, or why
 * not). Nothing is planned when the policy leaves the step out (REMINDER_STEPS). Planning it twice
 * adds nothing: UNIQUE (appointment, version, step) keeps the first, so a redelivered outcome, or one
 * corrected away and back, never texts twice. A client registered here who may not be texted is
 * skipped at once; one not registered yet is left to the worker, which checks again when it is due.
 */
@Injectable()
export class PlanMissed {
  constructor(
    @Inject(REMINDERS_POLICY) private readonly policy: RemindersPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly jobs: ReminderJobs,
  ) {}

  async execute(manager: EntityManager, appointment: ReminderAppointment): Promise<Reminder | undefined> {
    if (!this.policy.missedText) return undefined;
    const now = this.clock.now();
    const client = await manager.findOneBy(ReminderClient, { clientId: appointment.clientId });
    // Version 0 is a client known only from contact or consent events: not everything is in yet.
    const notTextable = client && client.version > 0 ? whyNotTextable(client) : null;
    const planned = planMissed({ now, startsAt: appointment.startsAt }, this.policy.quietHours, notTextable);
    const row = manager.create(Reminder, {
      id: randomUUID(),
      appointmentId: appointment.appointmentId,
      clientId: appointment.clientId,
      orgId: appointment.orgId,
      step: 'missed',
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
    if (row.status === 'scheduled') this.jobs.scheduleAfterCommit(manager, [row]);
    return row;
  }
}
