import type { EventEnvelope } from '@careloop/contracts';

/** Tracing ids travel in headers too, so they can be read (and logged) before the value is parsed. */
export const HEADERS = {
  eventId: 'x-event-id',
  eventType: 'x-event-type',
  correlationId: 'x-correlation-id',
  causationId: 'x-causation-id',
} as const;

export function headersFor(envelope: EventEnvelope): Record<string, string> {
  const headers: Record<string, string> = {
    [HEADERS.eventId]: envelope.id,
    [HEADERS.eventType]: envelope.type,
    [HEADERS.correlationId]: envelope.correlationId,
  };
  if (envelope.causationId) headers[HEADERS.causationId] = envelope.causationId;
  return headers;
}

/** Kafka headers arrive as Buffers (or arrays of them); we keep the first value of each as text. */
export function decodeHeaders(
  raw: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}
