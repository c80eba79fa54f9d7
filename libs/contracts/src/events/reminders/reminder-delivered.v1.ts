import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { reminderStepSchema } from './reminder-values';

export const reminderDeliveredV1 = defineEvent({
  type: 'reminder.delivered.v1',
  topic: TOPICS.reminders,
  description:
    "An SMS to a client reached the phone (the gateway's delivery receipt, or a gateway that delivers at once): reports compare attendance when a reminder arrived with when it did not. Once per text; texts delivered before this event existed are announced once at a later start-up, dated when they were delivered.",
  data: z.object({
    messageId: z.uuid(),
    clientId: z.uuid(),
    appointmentId: z.uuid().nullable(),
    /** Which text of the plan it was (as reminder.sent.v1 said); null for a text outside a plan. */
    step: reminderStepSchema.nullable(),
    at: z.iso.datetime({ offset: true }),
  }),
});
