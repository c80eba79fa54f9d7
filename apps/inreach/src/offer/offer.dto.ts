import { z } from 'zod';
import type { SessionStatus } from '../session/session.entity';
import { OFFER_STATUSES, type OfferStatus } from './offer.entity';

/** `keyworkerId=me`: the caller's own clients' offers. */
export const MY_CLIENTS = 'me';

export const listOffersQuery = z
  .object({
    status: z.enum(OFFER_STATUSES).optional(),
    /** A keyworker's user id, or `me`. */
    keyworkerId: z.string().trim().min(1).max(200).optional(),
    serviceId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(10_000).default(0),
  })
  .strict();
export type ListOffersQuery = z.output<typeof listOffersQuery>;

/** Who the offer is for, as far as a keyworker needs to find them; null until in-reach knows the client. */
export interface OfferClient {
  givenName: string;
  familyName: string;
  preferredName: string | null;
}

/** One offer as a keyworker follows it up: who, which session, where, until when, what became of it. */
export interface OfferView {
  id: string;
  status: OfferStatus;
  clientId: string;
  client: OfferClient | null;
  referralId: string;
  /** The client's keyworker (as in-reach last heard). */
  keyworkerId: string;
  service: { id: string; name: string; providerName: string };
  session: { id: string; startsAt: string; endsAt: string; status: SessionStatus };
  place: { siteName: string; roomName: string; address: string };
  offeredAt: string;
  expiresAt: string;
  /** Booking's held (then booked) appointment: confirm or release it in booking. Null until held. */
  appointmentId: string | null;
  /** When the held slot starts. */
  slotStartsAt: string | null;
  endedAt: string | null;
  endReason: string | null;
}

export interface OfferListView {
  items: OfferView[];
  total: number;
  limit: number;
  offset: number;
}
