import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { replyIntentSchema } from './reminder-values';

export const smsReplyReceivedV1 = defineEvent({
  type: 'sms.reply-received.v1',
  topic: TOPICS.reminders,
  description:
    "A client replied by SMS. Every reply reaches the keyworker: the referrals service shows it on the client's timeline and makes a task of it. `intent` is how the text was read; the text itself is carried as received.",
  data: z.object({
    replyId: z.uuid(),
    clientId: z.uuid(),
    /** The appointment the latest reminder was about, if any. */
    appointmentId: z.uuid().nullable(),
    intent: replyIntentSchema,
    text: z.string().max(1600),
    receivedAt: z.iso.datetime({ offset: true }),
  }),
});
