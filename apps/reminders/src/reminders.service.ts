import { Module } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import type { ServiceDefinition } from '@careloop/runtime';
import { remindersMigrations } from './migrations';

@Module({ imports: [MessagingModule.forService('reminders')] })
export class RemindersServiceModule {}

/** SMS reminder plans, sends, replies, receipts, consent and quiet hours. Skeleton: health, metrics, docs, its schema and outbox; the domain comes with its issue. */
export const remindersService: ServiceDefinition = {
  name: 'reminders',
  module: RemindersServiceModule,
  database: { schema: 'reminders', entities: [], migrations: remindersMigrations },
  defaultPort: 3003,
  usesScheduler: true,
};
