import { z } from 'zod';
import { STATUS_CALLBACK_MESSAGE_ID } from '../gateway/twilio-sms-gateway';
import { twilioMessageSid } from '../inbound/inbound.dto';

/** The fields of Twilio's message status callback that we read; the others are ignored. */
export const twilioStatusForm = z.object({
  MessageSid: twilioMessageSid,
  MessageStatus: z.string().trim().min(1).max(40),
  // Only on undelivered / failed, e.g. "30003" (unreachable handset).
  ErrorCode: z
    .string()
    .trim()
    .max(50)
    .optional()
    .transform((code) => (code ? code : undefined)),
});
export type TwilioStatusForm = z.output<typeof twilioStatusForm>;

/** The status callback URL's query: our message id, which the adapter puts there (absent on older texts). */
export const twilioStatusQuery = z.object({
  [STATUS_CALLBACK_MESSAGE_ID]: z.uuid('must be the id of one of our texts').optional(),
});
export type TwilioStatusQuery = z.output<typeof twilioStatusQuery>;

/**
 * The fields of a GOV.UK Notify delivery receipt that we read. Notify also sends `to` (the number:
 * never read, kept or logged), `created_at`, `completed_at`, `sent_at` and `notification_type`.
 */
export const notifyDeliveryReceipt = z.object({
  // Notify's id for the notification.
  id: z.uuid(),
  // Whatever the sender gave; ours is our message id, but the service may send for others too.
  reference: z.string().max(1000).nullish(),
  status: z.string().trim().min(1).max(40),
});
export type NotifyDeliveryReceipt = z.output<typeof notifyDeliveryReceipt>;

const messageId = z.uuid();

/** Our message id in a Notify reference, if it is one (a reference the service gave elsewhere is not). */
export function ourMessageIdIn(reference: string | null | undefined): string | undefined {
  const parsed = messageId.safeParse(reference);
  return parsed.success ? parsed.data : undefined;
}
