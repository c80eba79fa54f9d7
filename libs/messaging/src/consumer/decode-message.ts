import { eventEnvelopeSchema, findEventDefinition, type EventEnvelope } from '@careloop/contracts';
import type { IncomingMessage } from '../outgoing-message';

export type DecodeFailureCode =
  'MALFORMED_MESSAGE' | 'INVALID_ENVELOPE' | 'UNKNOWN_EVENT_TYPE' | 'INVALID_EVENT_DATA';

export type DecodeResult =
  | { ok: true; envelope: EventEnvelope }
  | { ok: false; code: DecodeFailureCode; message: string; eventType?: string };

/**
 * Parses and validates a consumed message against the envelope and the catalogue. Only a message that
 * passes both reaches a handler; the caller dead-letters the rest.
 */
export function decodeMessage(message: IncomingMessage): DecodeResult {
  if (message.value === null)
    return { ok: false, code: 'MALFORMED_MESSAGE', message: 'Message has no value' };
  let json: unknown;
  try {
    json = JSON.parse(message.value.toString());
  } catch (error) {
    return {
      ok: false,
      code: 'MALFORMED_MESSAGE',
      message: `Value is not JSON: ${(error as Error).message}`,
    };
  }
  const envelope = eventEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    return { ok: false, code: 'INVALID_ENVELOPE', message: summarise(envelope.error.issues) };
  }
  const definition = findEventDefinition(envelope.data.type);
  if (!definition) {
    return {
      ok: false,
      code: 'UNKNOWN_EVENT_TYPE',
      message: `No contract for ${envelope.data.type}`,
      eventType: envelope.data.type,
    };
  }
  const data = definition.data.safeParse(envelope.data.data);
  if (!data.success) {
    return {
      ok: false,
      code: 'INVALID_EVENT_DATA',
      message: summarise(data.error.issues),
      eventType: envelope.data.type,
    };
  }
  return { ok: true, envelope: { ...envelope.data, data: data.data } };
}

function summarise(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}
