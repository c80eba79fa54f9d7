import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { needCategorySchema, needStatusSchema } from './need-values';

export const needStatusChangedV1 = defineEvent({
  type: 'need.status-changed.v1',
  topic: TOPICS.referrals,
  description:
    "A client's physical-health need moved on (referred, being treated, resolved) or reopened when it recurred.",
  data: z.object({
    needId: z.uuid(),
    clientId: z.uuid(),
    category: needCategorySchema,
    previousStatus: needStatusSchema,
    status: needStatusSchema,
    reason: z.string().min(1).max(2000),
    changedBy: z.string().min(1),
    changedAt: z.iso.datetime({ offset: true }),
  }),
});
