import { z } from 'zod';
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
