import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';

export const destinationKindSchema = z.enum(['gp', 'outpatient', 'inreach', 'other']);
export const urgencySchema = z.enum(['routine', 'soon', 'urgent']);

export const referralCreatedV1 = defineEvent({
  type: 'referral.created.v1',
  topic: TOPICS.referrals,
  description:
    'A drug worker referred a client to a GP, an outpatient specialty, an in-reach service or elsewhere.',
  data: z.object({
    referralId: z.uuid(),
    clientId: z.uuid(),
    destinationKind: destinationKindSchema,
    destinationName: z.string().min(1).max(200),
    urgency: urgencySchema,
    reason: z.string().min(1).max(2000),
    createdBy: z.string().min(1),
  }),
});
