import type { SmsStatus } from '@careloop/contracts';
import type { SmsMessageStatus } from '../sending/sms-message.entity';

// How far a text has got. Receipts arrive out of order and repeat: only a step forward counts, and
// the first final word (delivered, undelivered or failed) is the last. A text whose fate was unknown
// after a crash learns it from its receipts like one still being sent.
const PROGRESS: Record<SmsMessageStatus, number> = {
  sending: 0,
  unknown: 0,
  queued: 1,
  sent: 2,
  delivered: 3,
  undelivered: 3,
  failed: 3,
};

/** The status a receipt moves a text to, or undefined when it would not move it forward. */
export function progressedStatus(current: SmsMessageStatus, reported: SmsStatus): SmsStatus | undefined {
  return PROGRESS[reported] > PROGRESS[current] ? reported : undefined;
}

/** Statuses after which the keyworker should check the number: the text never reached the phone. */
export function isDeliveryFailure(status: SmsStatus): status is 'undelivered' | 'failed' {
  return status === 'undelivered' || status === 'failed';
}
