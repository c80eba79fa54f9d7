import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';

export const inreachOfferMadeV1 = defineEvent({
  type: 'inreach.offer-made.v1',
  topic: TOPICS.inreach,
  description:
    "A waiting client was offered a seat at a published in-reach session: booking holds one seat of the session for them until expiresAt (appointment.held.v1 with the offer) or says it could not (appointment.offer-unplaced.v1). The keyworker or the client's SMS reply turns the hold into a booking; an expired or declined offer passes to the next client.",
  data: z.object({
    offerId: z.uuid(),
    sessionId: z.uuid(),
    serviceId: z.uuid(),
    /** The drug and alcohol service hosting the session: the client's organisation. */
    hostOrgId: z.string().min(1).max(200),
    clientId: z.uuid(),
    /** The referral that put the client on the waiting list. */
    referralId: z.uuid(),
    /** The client's keyworker, who is asked to follow the offer up. */
    keyworkerId: z.string().min(1).max(200),
    offeredAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }),
  }),
});
