import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { appointmentRefSchema } from './appointment-values';

export const appointmentHeldV1 = defineEvent({
  type: 'appointment.held.v1',
  topic: TOPICS.booking,
  description:
    'A seat was held for a client while staff talk to them; nobody else can take it until the hold is confirmed (appointment.booked.v1) or ends.',
  data: appointmentRefSchema.extend({
    slotId: z.uuid(),
    startsAt: z.iso.datetime({ offset: true }),
    holdExpiresAt: z.iso.datetime({ offset: true }),
    heldBy: z.string().min(1),
  }),
});
