import { Global, Module } from '@nestjs/common';
import { RUNTIME_CONFIG, type RuntimeConfig } from '@careloop/runtime';
import { TaskModule } from '../task/task.module';
import { OpenDeliveryFailedTask } from './delivery-failed-task';
import { OpenDnaFollowUp } from './dna-follow-up';
import { FOLLOW_UP_POLICY, followUpPolicyFrom } from './follow-up-policy';
import { OpenOfferUntextableTask } from './offer-untextable-task';
import { OpenOptedOutTask } from './opted-out-task';
import { ChaseOutcomeUnknown } from './outcome-unknown-chase';
import { OpenRebookNeededTask } from './rebook-needed-task';
import { OpenReplyTask } from './reply-task';
import { RaiseRepeatedNonAttendance } from './repeated-non-attendance';

const OPENERS = [
  OpenDnaFollowUp,
  ChaseOutcomeUnknown,
  OpenRebookNeededTask,
  OpenReplyTask,
  OpenDeliveryFailedTask,
  OpenOptedOutTask,
  OpenOfferUntextableTask,
];

/**
 * Tasks opened from other services' events (issue 7): the use cases the booking and reminders
 * consumers call, in their inbox transaction, after their own handlers, through the task context's
 * OpenTask. Global so those consumers' modules need not know of it.
 */
@Global()
@Module({
  imports: [TaskModule],
  providers: [
    {
      provide: FOLLOW_UP_POLICY,
      inject: [RUNTIME_CONFIG],
      useFactory: (c: RuntimeConfig) => followUpPolicyFrom(c),
    },
    RaiseRepeatedNonAttendance,
    ...OPENERS,
  ],
  exports: OPENERS,
})
export class FollowUpModule {}
