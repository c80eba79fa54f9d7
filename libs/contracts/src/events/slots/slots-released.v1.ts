import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { slotBatchSchema } from './slot-values';

export const slotsReleasedV1 = defineEvent({
  type: 'slots.released.v1',
  topic: TOPICS.booking,
  description:
    'Reserved slots went back to general booking: unused when their release time came, or released by the clinic.',
  data: slotBatchSchema.extend({
    reason: z.enum(['release_time_reached', 'by_provider']),
  }),
});
