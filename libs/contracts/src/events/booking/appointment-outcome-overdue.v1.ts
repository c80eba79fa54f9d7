import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { appointmentRefSchema } from './appointment-values';

export const appointmentOutcomeOverdueV1 = defineEvent({
  type: 'appointment.outcome-overdue.v1',
  topic: TOPICS.booking,
  description:
    'The appointment ended and its grace period passed with no attendance recorded: someone must chase it.',
  data: appointmentRefSchema.extend({
    startsAt: z.iso.datetime({ offset: true }),
    endedAt: z.iso.datetime({ offset: true }),
  }),
});
