import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { needCategorySchema, needStatusSchema } from './need-values';

export const needRecordedV1 = defineEvent({
  type: 'need.recorded.v1',
  topic: TOPICS.referrals,
  description:
    'A CDAS worker recorded a physical-health need for a client. Free-text notes stay in the referrals service.',
  data: z.object({
    needId: z.uuid(),
    clientId: z.uuid(),
    category: needCategorySchema,
    /** SNOMED CT concept id, when the worker gave one. */
    snomedCode: z
      .string()
      .regex(/^\d{6,18}$/)
      .nullable(),
    status: needStatusSchema,
    identifiedAt: z.iso.datetime({ offset: true }),
    identifiedBy: z.string().min(1),
    recordedBy: z.string().min(1),
  }),
});
