import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { appointmentRefSchema } from './appointment-values';

export const appointmentHoldEndedV1 = defineEvent({
  type: 'appointment.hold-ended.v1',
  topic: TOPICS.booking,
  description:
    'A hold ended without a booking: released (by staff, or an in-reach offer the client declined by SMS) or expired. Its seat is free again; nothing was booked.',
  data: appointmentRefSchema.extend({
    slotId: z.uuid(),
    reason: z.enum(['released', 'expired']),
    // Optional (added without a new version): absent from older events.
    /** The in-reach session of the slot, null for any other slot. */
    inreachSessionId: z.uuid().nullable().optional(),
    /** The in-reach offer the hold was for, if any. */
    offerId: z.uuid().nullable().optional(),
    /**
     * A released offer the client turned down by SMS. A flag beside `released` rather than a third
     * reason, so consumers built before offers still read a valid event.
     */
    declinedByClient: z.boolean().optional(),
  }),
});

/** Why a hold ended, telling an offer the client declined from one staff released. */
export type HoldEndReason = 'released' | 'expired' | 'declined';

export function holdEndReasonOf(data: {
  reason: 'released' | 'expired';
  declinedByClient?: boolean;
}): HoldEndReason {
  return data.declinedByClient === true ? 'declined' : data.reason;
}
