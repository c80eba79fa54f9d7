import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@careloop/time';
import type { ReminderAppointment } from '../appointment/reminder-appointment.entity';
import { REMINDERS_POLICY, type RemindersPolicy } from '../reminders-policy';
import { planMissed } from './missed-plan';
import type { Reminder } from './reminder.entity';
import { ReminderJobs } from './reminder-jobs';
import { writeSingleText } from './write-single-text';

/**
 * Writes the one `missed` step ("sorry we missed you") of an appointment recorded as not attended,
 * in the caller's transaction, and schedules its job once it commits (planMissed says when, or why
 * not). Nothing is planned when the policy leaves the step out (REMINDER_STEPS). Planning it twice
 * adds nothing: UNIQUE (appointment, version, step) keeps the first, so a redelivered outcome, or one
 * corrected away and back, never texts twice. A client already `rebooked` after the miss, or
 * registered here and not to be texted, is skipped at once; one not registered yet is left to the
 * worker, which checks again when it is due.
 */
@Injectable()
export class PlanMissed {
  constructor(
    @Inject(REMINDERS_POLICY) private readonly policy: RemindersPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly jobs: ReminderJobs,
  ) {}

  async execute(
    manager: EntityManager,
    appointment: ReminderAppointment,
    { rebooked }: { rebooked: boolean },
  ): Promise<Reminder | undefined> {
    if (!this.policy.missedText) return undefined;
    const now = this.clock.now();
    return writeSingleText(manager, this.jobs, now, appointment, 'missed', (notTextable) =>
      planMissed({ now, startsAt: appointment.startsAt, rebooked }, this.policy.quietHours, notTextable),
    );
  }
}
