import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';

export const clientContactDataErasedV1 = defineEvent({
  type: 'client.contact-data-erased.v1',
  topic: TOPICS.referrals,
  description:
    "Every contact (phone number) of a client was erased. Delete every copy you hold of the client's phone numbers, including anything queued to send.",
  data: z.object({
    clientId: z.uuid(),
    erasedBy: z.string().min(1).max(200),
    reason: z.string().min(1).max(500),
  }),
});
