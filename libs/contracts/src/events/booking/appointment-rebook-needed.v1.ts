import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { appointmentRefSchema } from './appointment-values';

export const appointmentRebookNeededV1 = defineEvent({
  type: 'appointment.rebook-needed.v1',
  topic: TOPICS.booking,
  description:
    "An appointment's session was cancelled and booking found no suitable session to move it to: the keyworker must rebook with the client. The appointment stays booked (in a withdrawn slot) until someone moves or cancels it; nothing is cancelled for the client.",
  data: appointmentRefSchema.extend({
    reason: z.enum(['inreach_session_cancelled']),
    /** The cancelled in-reach session. */
    inreachSessionId: z.uuid(),
    serviceType: z.string().min(1).max(100),
    providerName: z.string().min(1).max(200),
    startsAt: z.iso.datetime({ offset: true }),
  }),
});
