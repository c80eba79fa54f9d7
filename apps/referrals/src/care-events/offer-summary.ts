import { londonTime } from './care-event-summary';
import type { OfferEndReason } from './client-care-event.entity';

/** What was offered, as the offer's entries name it; unknown when the offer itself never reached us. */
export interface OfferedAppointment {
  providerName: string;
  serviceType: string;
  startsAt: Date;
}

function appointment(what: OfferedAppointment | null): string {
  if (!what) return 'the in-reach appointment offered';
  return `appointment with ${what.providerName} (${what.serviceType}) on ${londonTime(what.startsAt)}`;
}

/** `Offered appointment with <provider> (<service>) on <when> at <where>, held until <expiry>`. */
export function offerMadeSummary(offer: OfferedAppointment & { location: string; expiresAt: Date }): string {
  return `Offered ${appointment(offer)} at ${offer.location}, held until ${londonTime(offer.expiresAt)}`;
}

/** The client (or their keyworker) took the offered seat: it is a booking now. */
export function offerTakenSummary(what: OfferedAppointment): string {
  return `Offer taken: ${appointment(what)} booked`;
}

const ENDED: Record<OfferEndReason, string> = {
  declined: 'Offer declined by the client (SMS reply)',
  released: 'Offer released',
  expired: 'Offer expired without an answer',
};

/** The offer's hold ended without a booking; in-reach offers the seat to the next client. */
export function offerEndedSummary(reason: OfferEndReason, what: OfferedAppointment | null): string {
  return `${ENDED[reason]}: ${appointment(what)}`;
}
