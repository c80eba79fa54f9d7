import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@careloop/contracts';

/** Which outbox rows to read: about one subject (the message key), of one event type, or both. */
export interface OutboxFilter {
  key?: string;
  type?: string;
}

/**
 * The events a service's outbox (in its Postgres `schema`) holds, in the order they were added: what
 * a change committed with its events, without running the relay.
 */
export async function eventsInServiceOutbox<T = unknown>(
  dataSource: DataSource,
  schema: string,
  filter: OutboxFilter,
): Promise<EventEnvelope<T>[]> {
  if (!/^[a-z][a-z0-9_]*$/.test(schema)) throw new Error(`Not a service schema name: ${schema}`);
  const rows: { payload: EventEnvelope<T> | string }[] = await dataSource.query(
    `SELECT payload FROM "${schema}".outbox
      WHERE ($1::text IS NULL OR message_key = $1) AND ($2::text IS NULL OR event_type = $2)
      ORDER BY seq`,
    [filter.key ?? null, filter.type ?? null],
  );
  return rows.map((r) =>
    typeof r.payload === 'string' ? (JSON.parse(r.payload) as EventEnvelope<T>) : r.payload,
  );
}
