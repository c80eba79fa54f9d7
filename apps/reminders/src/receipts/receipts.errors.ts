import { defineErrors } from '@careloop/http';

/**
 * Errors of the delivery receipt webhooks that are not Twilio's (its signature has its own error). A
 * receipt without our callback token is refused before anything is read from it; the detail never
 * says what was wrong with the token.
 */
export class DeliveryReceiptError extends defineErrors('reminders', {
  NOTIFY_CALLBACK_TOKEN_INVALID: {
    status: 403,
    title: 'The request does not carry our Notify callback token',
    consumer: 'dead-letter',
  },
}) {}
export type DeliveryReceiptErrorCode = DeliveryReceiptError['code'];
