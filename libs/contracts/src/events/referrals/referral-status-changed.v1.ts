import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { referralActionTypeSchema, referralStatusSchema } from './referral-values';

export const referralStatusChangedV1 = defineEvent({
  type: 'referral.status-changed.v1',
  topic: TOPICS.referrals,
  description:
    'A referral moved along its lifecycle: by a member of staff, or following an appointment event from booking.',
  data: z.object({
    referralId: z.uuid(),
    clientId: z.uuid(),
    from: referralStatusSchema,
    to: referralStatusSchema,
    action: referralActionTypeSchema,
    reason: z.string().min(1).max(2200).nullable(),
    appointmentId: z.uuid().nullable(),
    source: z.enum(['staff', 'event']),
    /** A user id, or `system:booking` when the change followed booking's event. */
    changedBy: z.string().min(1),
    changedAt: z.iso.datetime({ offset: true }),
  }),
});
