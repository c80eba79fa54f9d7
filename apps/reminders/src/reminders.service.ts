import { Module } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import type { ServiceDefinition } from '@careloop/runtime';
import { remindersMigrations } from './migrations';
import { REMINDERS_SCHEMA } from './reminders-schema';

@Module({ imports: [MessagingModule.forService(REMINDERS_SCHEMA)] })
export class RemindersServiceModule {}

/**
 * SMS reminder plans, sends, replies, receipts, consent and quiet hours. Skeleton: health, metrics,
 * docs, its schema and outbox; the domain comes with its issue.
 */
export const remindersService: ServiceDefinition = {
  name: REMINDERS_SCHEMA,
  module: RemindersServiceModule,
  database: { schema: REMINDERS_SCHEMA, entities: [], migrations: remindersMigrations },
  defaultPort: 3003,
  usesScheduler: true,
};
