import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { appointmentRefSchema } from './appointment-values';

export const appointmentRescheduledV1 = defineEvent({
  type: 'appointment.rescheduled.v1',
  topic: TOPICS.booking,
  description: 'A booked appointment moved to another slot.',
  data: appointmentRefSchema.extend({
    previousStartsAt: z.iso.datetime({ offset: true }),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    location: z.string().min(1).max(300),
    /** The new slot's provider (added later: absent from older events). */
    providerOrgId: z.string().min(1).max(200).optional(),
    providerName: z.string().min(1).max(200).optional(),
    rescheduledBy: z.string().min(1),
    /** The in-reach session of the new slot, null for any other slot (added later: absent from older events). */
    inreachSessionId: z.uuid().nullable().optional(),
    /** Whether the move used a clinic's reserved capacity, as for appointment.booked.v1 (added later: absent from older events). */
    underReservation: z.boolean().optional(),
  }),
});
