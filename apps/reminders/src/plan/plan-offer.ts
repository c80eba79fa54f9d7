import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@careloop/time';
import type { ReminderAppointment } from '../appointment/reminder-appointment.entity';
import { REMINDERS_POLICY, type RemindersPolicy } from '../reminders-policy';
import { planOffer } from './offer-plan';
import type { Reminder } from './reminder.entity';
import { ReminderJobs } from './reminder-jobs';
import { writeSingleText } from './write-single-text';

/**
 * Writes the one `offer` step of an offered appointment, in the caller's transaction, and schedules
 * its job once it commits (planOffer says when, or why not). Planning it twice adds nothing: UNIQUE
 * (appointment, version, step) keeps the first. A client registered here who may not be texted is
 * skipped at once; one not registered yet is left to the worker, which checks again when it is due
 * (client events come on another topic, in no order with booking's).
 */
@Injectable()
export class PlanOffer {
  constructor(
    @Inject(REMINDERS_POLICY) private readonly policy: RemindersPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly jobs: ReminderJobs,
  ) {}

  async execute(manager: EntityManager, appointment: ReminderAppointment): Promise<Reminder | undefined> {
    if (!appointment.offerExpiresAt) throw new Error(`Appointment ${appointment.appointmentId} is no offer`);
    const now = this.clock.now();
    const expiresAt = appointment.offerExpiresAt;
    return writeSingleText(manager, this.jobs, now, appointment, 'offer', (notTextable) =>
      planOffer({ now, expiresAt, startsAt: appointment.startsAt }, this.policy.quietHours, notTextable),
    );
  }
}
