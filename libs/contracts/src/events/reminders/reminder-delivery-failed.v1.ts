import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';

export const reminderDeliveryFailedV1 = defineEvent({
  type: 'reminder.delivery-failed.v1',
  topic: TOPICS.reminders,
  description:
    'An SMS to a client was not delivered (undelivered or failed at the gateway), or its fate is unknown after a crash mid-send: the keyworker should check the number, or whether the client got it.',
  data: z.object({
    messageId: z.uuid(),
    clientId: z.uuid(),
    appointmentId: z.uuid().nullable(),
    outcome: z.enum(['undelivered', 'failed', 'unknown']),
    errorCode: z.string().min(1).max(50).nullable(),
    at: z.iso.datetime({ offset: true }),
  }),
});
