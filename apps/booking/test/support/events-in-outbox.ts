import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@careloop/contracts';
import { eventsInServiceOutbox, type OutboxFilter } from '@careloop/testing';
import { BOOKING_SCHEMA } from '../../src/booking-schema';

/** The events booking's outbox holds, in the order they were added (see eventsInServiceOutbox). */
export function eventsInOutbox<T = unknown>(
  dataSource: DataSource,
  filter: OutboxFilter,
): Promise<EventEnvelope<T>[]> {
  return eventsInServiceOutbox<T>(dataSource, BOOKING_SCHEMA, filter);
}
