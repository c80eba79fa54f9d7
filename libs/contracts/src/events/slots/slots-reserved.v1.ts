import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { reservedForSchema, slotBatchSchema } from './slot-values';

export const slotsReservedV1 = defineEvent({
  type: 'slots.reserved.v1',
  topic: TOPICS.booking,
  description:
    'A clinic reserved slots for one organisation or for all drug and alcohol services; releaseBeforeMinutes, when set, hands them back to general booking that long before the start if still free.',
  data: slotBatchSchema.extend({
    reservedFor: reservedForSchema,
    releaseBeforeMinutes: z.number().int().positive().nullable(),
  }),
});
