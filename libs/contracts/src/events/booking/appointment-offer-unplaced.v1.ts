import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';

/** Why booking could not hold a seat for an in-reach offer. */
export const OFFER_UNPLACED_REASONS = [
  'no_free_seat',
  'session_withdrawn',
  'session_unknown',
  'too_late',
  'client_already_in_session',
  /** The referral is no longer waiting (booked elsewhere, rejected, closed, ...). */
  'referral_not_waiting',
  /** Booking has not yet heard of the client or the referral (their events are on other topics): try again soon. */
  'client_unknown',
] as const;
export const offerUnplacedReasonSchema = z.enum(OFFER_UNPLACED_REASONS);

export const appointmentOfferUnplacedV1 = defineEvent({
  type: 'appointment.offer-unplaced.v1',
  topic: TOPICS.booking,
  description:
    'Booking could not hold a seat for an in-reach offer (inreach.offer-made.v1): the session filled, was withdrawn or is too close. Nothing was held; the waiting list tries again.',
  data: z.object({
    offerId: z.uuid(),
    sessionId: z.uuid(),
    clientId: z.uuid(),
    reason: offerUnplacedReasonSchema,
  }),
});
