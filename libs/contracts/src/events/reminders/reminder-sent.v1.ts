import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { reminderStepSchema } from './reminder-values';

export const reminderSentV1 = defineEvent({
  type: 'reminder.sent.v1',
  topic: TOPICS.reminders,
  description:
    "An SMS was handed to the gateway for a client: the exact text, for the client's care record and timeline. The phone number is not carried.",
  data: z.object({
    messageId: z.uuid(),
    clientId: z.uuid(),
    appointmentId: z.uuid().nullable(),
    step: reminderStepSchema.nullable(),
    text: z.string().min(1).max(1600),
    gateway: z.enum(['twilio', 'notify', 'dev_inbox']),
    sentAt: z.iso.datetime({ offset: true }),
  }),
});
