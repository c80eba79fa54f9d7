import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';

export const clientSmsOptedOutV1 = defineEvent({
  type: 'client.sms-opted-out.v1',
  topic: TOPICS.reminders,
  description:
    'A client texted a carrier opt-out word (STOP, ...): the gateway now blocks texts to the number. The referrals service records it as the client withdrawing consent to SMS reminders.',
  data: z.object({
    clientId: z.uuid(),
    keyword: z.string().min(1).max(50),
    receivedAt: z.iso.datetime({ offset: true }),
  }),
});
