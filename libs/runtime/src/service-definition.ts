import type { DynamicModule, Type } from '@nestjs/common';
import type { ServiceSchema } from '@careloop/persistence';

/**
 * What a service brings to a process. Its name is its Postgres schema, its consumer group and its
 * outbox; its module holds its bounded contexts and event consumers.
 */
export interface ServiceDefinition {
  name: string;
  module: Type | DynamicModule;
  database: ServiceSchema;
  /** Port when the service runs on its own. */
  defaultPort: number;
  /** Whether it schedules jobs (reminders, timers), so Redis becomes one of its dependencies. */
  usesScheduler: boolean;
}
