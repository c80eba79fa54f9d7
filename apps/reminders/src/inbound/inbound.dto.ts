import { z } from 'zod';

// Twilio message SIDs: SM (SMS) or MM (MMS) and 32 hex digits.
export const twilioMessageSid = z.string().regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/, 'must be a Twilio message SID');

// The longest text we keep (Twilio's limit for one message); a longer one is cut, never lost.
const MAX_TEXT = 1600;

/** The fields of Twilio's inbound-message webhook that we read; the others are ignored. */
export const twilioInboundForm = z.object({
  MessageSid: twilioMessageSid,
  From: z.string().trim().min(1).max(40),
  To: z.string().trim().max(40).optional(),
  // An MMS with only a picture has an empty Body.
  Body: z
    .string()
    .default('')
    .transform((text) => cutAt(text, MAX_TEXT)),
});
export type TwilioInboundForm = z.output<typeof twilioInboundForm>;

/** Empty TwiML: Twilio sends nothing back (carriers and Twilio answer opt-out keywords themselves). */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  // Never leave half of a surrogate pair (an emoji) at the end.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
