import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import {
  accompanimentSchema,
  destinationKindSchema,
  referralStatusSchema,
  urgencySchema,
} from './referral-values';

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
    // Optional (added without a new version): producers before the closed loop did not send them.
    /** The physical-health need referred for. */
    needId: z.uuid().optional(),
    /** `draft` or `sent`; absent means `sent`. */
    status: referralStatusSchema.optional(),
    accompaniment: accompanimentSchema.optional(),
    /** For an in-reach referral: the in-reach service (inreach.service-registered.v1) whose waiting list the client joins. */
    inreachServiceId: z.uuid().optional(),
  }),
});
