import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { appointmentRefSchema } from './appointment-values';

/**
 * What a client is offered when an in-reach waiting list offers them a seat: enough to word the SMS
 * offer (reminders) and show it to the keyworker. The hold lasts until the offer expires.
 */
export const heldOfferSchema = z.object({
  offerId: z.uuid(),
  providerName: z.string().min(1).max(200),
  providerOrgId: z.string().min(1).max(200).nullable(),
  serviceType: z.string().min(1).max(100),
  /** Plain location text, as shown to the client. */
  location: z.string().min(1).max(300),
  endsAt: z.iso.datetime({ offset: true }),
});
export type HeldOffer = z.infer<typeof heldOfferSchema>;

export const appointmentHeldV1 = defineEvent({
  type: 'appointment.held.v1',
  topic: TOPICS.booking,
  description:
    "A seat was held for a client while staff talk to them, or for an in-reach waiting list's offer; nobody else can take it until the hold is confirmed (appointment.booked.v1) or ends.",
  data: appointmentRefSchema.extend({
    slotId: z.uuid(),
    startsAt: z.iso.datetime({ offset: true }),
    holdExpiresAt: z.iso.datetime({ offset: true }),
    heldBy: z.string().min(1),
    // Optional (added without a new version): absent from older events.
    /** The in-reach session of the slot, null for any other slot. */
    inreachSessionId: z.uuid().nullable().optional(),
    /** Set when the hold is an in-reach offer (inreach.offer-made.v1) rather than staff on the phone. */
    offer: heldOfferSchema.nullable().optional(),
  }),
});
