import { Global, Module } from '@nestjs/common';
import { RUNTIME_CONFIG, type RuntimeConfig } from '@careloop/runtime';
import { REMINDERS_POLICY, remindersPolicyFrom } from './reminders-policy';

/** The reminders policy (steps, times, quiet hours) for every context of the service: plans and sending. */
@Global()
@Module({
  providers: [
    {
      provide: REMINDERS_POLICY,
      inject: [RUNTIME_CONFIG],
      useFactory: (c: RuntimeConfig) => remindersPolicyFrom(c),
    },
  ],
  exports: [REMINDERS_POLICY],
})
export class RemindersPolicyModule {}
