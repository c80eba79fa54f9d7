import { defineErrors } from '@careloop/http';

/**
 * Errors of the Twilio webhooks (inbound texts and delivery receipts). A request Twilio did not sign
 * is refused before anything is read from it; the detail never says which check failed.
 */
export class TwilioWebhookError extends defineErrors('reminders', {
  TWILIO_SIGNATURE_INVALID: {
    status: 403,
    title: 'The request does not carry a valid Twilio signature',
    consumer: 'dead-letter',
  },
}) {}
export type TwilioWebhookErrorCode = TwilioWebhookError['code'];
