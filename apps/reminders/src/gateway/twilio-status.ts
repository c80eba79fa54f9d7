import type { SmsStatus } from '@careloop/contracts';

/** Every MessageStatus the Twilio API and its status callbacks use (twilio SDK v6). */
export const TWILIO_MESSAGE_STATUSES = [
  'accepted',
  'scheduled',
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'canceled',
  'read',
  'partially_delivered',
  'receiving',
  'received',
] as const;
export type TwilioMessageStatus = (typeof TWILIO_MESSAGE_STATUSES)[number];

// Twilio's queue (accepted, scheduled, sending) is still ours to wait on; a cancelled scheduled message
// never goes out; read is a delivery the handset confirmed; a text that arrived only in part did not
// reach the client as written, so the keyworker should hear of it like any other undelivered one.
const OUTBOUND: Record<Exclude<TwilioMessageStatus, 'receiving' | 'received'>, SmsStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
  read: 'delivered',
  partially_delivered: 'undelivered',
};

export function isTwilioMessageStatus(value: string): value is TwilioMessageStatus {
  return (TWILIO_MESSAGE_STATUSES as readonly string[]).includes(value);
}

/**
 * Our status for a Twilio MessageStatus of a message we sent. Undefined for the statuses of inbound
 * messages (receiving, received) and for any value Twilio might add later: a callback carrying one
 * changes nothing.
 */
export function smsStatusFromTwilio(status: string): SmsStatus | undefined {
  const normalised = status.trim().toLowerCase();
  if (!isTwilioMessageStatus(normalised) || normalised === 'receiving' || normalised === 'received') {
    return undefined;
  }
  return OUTBOUND[normalised];
}
