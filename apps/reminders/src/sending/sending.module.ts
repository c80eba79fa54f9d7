import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import { GatewayModule } from '../gateway/gateway.module';
import { PlanModule } from '../plan/plan.module';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { WordingModule } from '../wording/wording.module';
import { DEFAULT_SEND_JOB_POLICY, SEND_JOB_POLICY, type SendJobPolicy } from './send-job-policy';
import { SendMetrics } from './send-metrics';
import { SendReminder } from './send-reminder';
import { ReminderSendWorker } from './send-reminder-worker';

/**
 * Sending (ADR 22): the worker of the 'reminders' queue, registered on JOB_SCHEDULER at application
 * bootstrap, sends each due reminder at most once. Needs REMINDERS_POLICY (RemindersPolicyModule),
 * JOB_SCHEDULER (usesScheduler), CLOCK, APP_LOGGER and Metrics; brings the plans, wording and gateway.
 */
@Module({
  imports: [MessagingModule.forService(REMINDERS_SCHEMA), PlanModule, WordingModule, GatewayModule],
  providers: [
    SendReminder,
    ReminderSendWorker,
    SendMetrics,
    { provide: SEND_JOB_POLICY, useValue: DEFAULT_SEND_JOB_POLICY },
  ],
  exports: [SendReminder],
})
export class SendingModule {
  /** The same module with another retry policy (tests that cannot wait minutes for a retry). */
  static withJobPolicy(policy: SendJobPolicy): DynamicModule {
    return { module: SendingModule, providers: [{ provide: SEND_JOB_POLICY, useValue: policy }] };
  }
}
