import { Module } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import type { ServiceDefinition } from '@careloop/runtime';
import { inreachMigrations } from './migrations';
import { INREACH_SCHEMA } from './inreach-schema';

@Module({ imports: [MessagingModule.forService(INREACH_SCHEMA)] })
export class InreachServiceModule {}

/**
 * Recurring in-reach clinics at CDAS sites, waiting lists and walk-ins. Skeleton: health, metrics,
 * docs, its schema and outbox; the domain comes with its issue.
 */
export const inreachService: ServiceDefinition = {
  name: INREACH_SCHEMA,
  module: InreachServiceModule,
  database: { schema: INREACH_SCHEMA, entities: [], migrations: inreachMigrations },
  defaultPort: 3004,
  usesScheduler: true,
};
