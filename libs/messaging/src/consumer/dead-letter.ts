import type { IncomingMessage, OutgoingMessage } from '../outgoing-message';
import { deadLetterTopic } from '@careloop/contracts';

export const DLQ_HEADERS = {
  errorCode: 'x-dlq-error-code',
  errorMessage: 'x-dlq-error-message',
  consumer: 'x-dlq-consumer',
  originalTopic: 'x-dlq-original-topic',
  originalPartition: 'x-dlq-original-partition',
  originalOffset: 'x-dlq-original-offset',
  attempts: 'x-dlq-attempts',
  failedAt: 'x-dlq-failed-at',
} as const;

export interface DeadLetterReason {
  code: string;
  message: string;
  attempts: number;
}

/** The original bytes and headers, untouched, plus why and where it failed, on `<topic>.dlq`. */
export function deadLetterFor(
  message: IncomingMessage,
  consumer: string,
  reason: DeadLetterReason,
  failedAt: Date,
): OutgoingMessage {
  return {
    topic: deadLetterTopic(message.topic),
    key: message.key ?? '',
    value: message.value === null ? '' : message.value.toString(),
    headers: {
      ...message.headers,
      [DLQ_HEADERS.errorCode]: reason.code,
      [DLQ_HEADERS.errorMessage]: reason.message.slice(0, 2000),
      [DLQ_HEADERS.consumer]: consumer,
      [DLQ_HEADERS.originalTopic]: message.topic,
      [DLQ_HEADERS.originalPartition]: String(message.partition),
      [DLQ_HEADERS.originalOffset]: message.offset,
      [DLQ_HEADERS.attempts]: String(reason.attempts),
      [DLQ_HEADERS.failedAt]: failedAt.toISOString(),
    },
  };
}
