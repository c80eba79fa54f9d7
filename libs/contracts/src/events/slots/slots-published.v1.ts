import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { slotBatchSchema } from './slot-values';

export const slotsPublishedV1 = defineEvent({
  type: 'slots.published.v1',
  topic: TOPICS.booking,
  description:
    'A provider published slots on a schedule, in bulk or from a recurring availability rule (then ruleId is set).',
  data: slotBatchSchema.extend({
    siteId: z.uuid(),
    serviceType: z.string().min(1).max(100),
    ruleId: z.uuid().nullable(),
    firstStartsAt: z.iso.datetime({ offset: true }),
    lastStartsAt: z.iso.datetime({ offset: true }),
    seats: z.number().int().positive(),
  }),
});
