import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@careloop/contracts';
import { eventsInServiceOutbox, type OutboxFilter } from '@careloop/testing';
import { INREACH_SCHEMA } from '../../src/inreach-schema';

/** The events in-reach's outbox holds, in the order they were added (see eventsInServiceOutbox). */
export function eventsInOutbox<T = Record<string, unknown>>(
  dataSource: DataSource,
  filter: OutboxFilter,
): Promise<EventEnvelope<T>[]> {
  return eventsInServiceOutbox<T>(dataSource, INREACH_SCHEMA, filter);
}
