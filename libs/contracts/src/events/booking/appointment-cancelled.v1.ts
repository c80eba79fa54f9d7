import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { appointmentRefSchema, cancelledBySchema } from './appointment-values';

export const appointmentCancelledV1 = defineEvent({
  type: 'appointment.cancelled.v1',
  topic: TOPICS.booking,
  description: 'A booked appointment was cancelled by the client, the provider or the CDAS.',
  data: appointmentRefSchema.extend({
    cancelledBy: cancelledBySchema,
    reason: z.string().min(1).max(500),
    startsAt: z.iso.datetime({ offset: true }),
  }),
});
