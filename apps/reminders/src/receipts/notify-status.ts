import type { SmsStatus } from '@careloop/contracts';

/** The statuses GOV.UK Notify's delivery receipts carry for a text message: final ones only. */
export const NOTIFY_RECEIPT_STATUSES = [
  'delivered',
  'permanent-failure',
  'temporary-failure',
  'technical-failure',
] as const;
export type NotifyReceiptStatus = (typeof NOTIFY_RECEIPT_STATUSES)[number];

// A permanent failure is a number that does not exist or is not a mobile: failed, the keyworker checks
// it. A temporary one is a phone off or out of reach until Notify gave up: undelivered, the number
// may be fine. A technical failure is Notify's own problem: the text never left, so failed.
const OURS: Record<NotifyReceiptStatus, SmsStatus> = {
  delivered: 'delivered',
  'permanent-failure': 'failed',
  'temporary-failure': 'undelivered',
  'technical-failure': 'failed',
};

/** Our status for a Notify receipt's status; undefined for any other value (it changes nothing). */
export function smsStatusFromNotify(status: string): SmsStatus | undefined {
  const normalised = status.trim().toLowerCase();
  return (NOTIFY_RECEIPT_STATUSES as readonly string[]).includes(normalised)
    ? OURS[normalised as NotifyReceiptStatus]
    : undefined;
}
