import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { appointmentRefSchema } from './appointment-values';

export const appointmentBookedV1 = defineEvent({
  type: 'appointment.booked.v1',
  topic: TOPICS.booking,
  description: 'An appointment was booked for a client (by CDAS staff on their behalf, or by the clinic).',
  data: appointmentRefSchema.extend({
    providerName: z.string().min(1).max(200),
    /** The provider organisation (added later: absent from older events). */
    providerOrgId: z.string().min(1).max(200).optional(),
    serviceType: z.string().min(1).max(100),
    /** Plain location text, as shown to the client. */
    location: z.string().min(1).max(300),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    bookedBy: z.string().min(1),
    /** The in-reach session of the slot, null for any other slot (added later: absent from older events). */
    inreachSessionId: z.uuid().nullable().optional(),
    /**
     * Whether the slot was still reserved (for this CDAS or all CDAS) when it was booked: the booking
     * used a clinic's reserved capacity. Never for in-reach sessions' slots, which are the host's own
     * (added later: absent from older events).
     */
    underReservation: z.boolean().optional(),
  }),
});
