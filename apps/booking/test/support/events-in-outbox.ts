import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@careloop/contracts';

/**
 * The events booking's outbox holds, in the order they were added: about one subject (the message
 * key), of one type, or both. What a change committed with its events, without running the relay.
 */
export async function eventsInOutbox<T = unknown>(
  dataSource: DataSource,
  filter: { key?: string; type?: string },
): Promise<EventEnvelope<T>[]> {
  const rows: { payload: EventEnvelope<T> | string }[] = await dataSource.query(
    `SELECT payload FROM booking.outbox
      WHERE ($1::text IS NULL OR message_key = $1) AND ($2::text IS NULL OR event_type = $2)
      ORDER BY seq`,
    [filter.key ?? null, filter.type ?? null],
  );
  return rows.map((r) =>
    typeof r.payload === 'string' ? (JSON.parse(r.payload) as EventEnvelope<T>) : r.payload,
  );
}
