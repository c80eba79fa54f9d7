import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { slotBatchSchema } from './slot-values';

export const slotsWithdrawnV1 = defineEvent({
  type: 'slots.withdrawn.v1',
  topic: TOPICS.booking,
  description:
    'Slots were taken off a schedule: no seat in them is offered any more. By the provider (free slots only) or by an exception such as a bank holiday or leave (exceptionId set), which also withdraws slots with held or booked appointments: those appointments stay until the clinic cancels or moves them.',
  data: slotBatchSchema.extend({
    reason: z.string().min(1).max(500),
    exceptionId: z.uuid().nullable(),
  }),
});
