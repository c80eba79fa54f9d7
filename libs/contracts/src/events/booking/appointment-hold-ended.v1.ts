import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { appointmentRefSchema } from './appointment-values';

export const appointmentHoldEndedV1 = defineEvent({
  type: 'appointment.hold-ended.v1',
  topic: TOPICS.booking,
  description:
    'A hold ended without a booking: released by staff or expired. Its seat is free again; nothing was booked.',
  data: appointmentRefSchema.extend({
    slotId: z.uuid(),
    reason: z.enum(['released', 'expired']),
  }),
});
