import { Module } from '@nestjs/common';
import { EndScheduledReminders } from './end-scheduled-reminders';
import { PlanMissed } from './plan-missed';
import { PlanOffer } from './plan-offer';
import { PlanReminders } from './plan-reminders';
import { ReminderJobs } from './reminder-jobs';
import { ReminderPlans } from './reminder-plans';
import { ReschedulePendingReminders } from './reschedule-pending-reminders';

/**
 * Reminder plans: one row per step per appointment version (the truth; an offered appointment has
 * one, its offer text; a missed one gets "sorry we missed you") and a job per scheduled row
 * on the 'reminders' queue carrying only its id. Needs REMINDERS_POLICY (RemindersPolicyModule),
 * JOB_SCHEDULER, CLOCK and APP_LOGGER. The sending worker uses ReminderPlans.
 */
@Module({
  providers: [
    PlanReminders,
    PlanOffer,
    PlanMissed,
    EndScheduledReminders,
    ReminderJobs,
    ReminderPlans,
    ReschedulePendingReminders,
  ],
  exports: [PlanReminders, PlanOffer, PlanMissed, EndScheduledReminders, ReminderJobs, ReminderPlans],
})
export class PlanModule {}
