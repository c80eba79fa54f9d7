import { z } from 'zod';
import type { OfferStatus } from '../offer/offer.entity';
import type { Urgency } from './waiting-list-entry.entity';

export const waitingListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(10_000).default(0),
  })
  .strict();
export type WaitingListQuery = z.output<typeof waitingListQuery>;

/**
 * Why the offer job passes a waiting client over for now: in-reach does not know the client yet (no
 * keyworker to follow an offer up), they have a live offer of the service, they are booked or hold a
 * seat in one of its sessions still to come, or they were offered the session ranked for already.
 */
export const NOT_OFFERABLE_REASONS = [
  'client_unknown',
  'live_offer',
  'in_a_coming_session',
  'offered_this_session',
] as const;
export type NotOfferableReason = (typeof NOT_OFFERABLE_REASONS)[number];

/** A client waiting for the service, where they stand and why. */
export interface WaitingListItem {
  /** 1 for the first to be offered a seat. */
  position: number;
  referralId: string;
  clientId: string;
  /** Null until in-reach knows the client (they are offered nothing until then). */
  client: { givenName: string; familyName: string; preferredName: string | null } | null;
  keyworkerId: string | null;
  urgency: Urgency;
  waitingSince: string;
  waitingDays: number;
  /** Waiting longer than the long-wait threshold: ahead of others of the same urgency. */
  longWait: boolean;
  /** The session ranked for (rankedFor) falls on one of the client's usual CDAS days. */
  usualDay: boolean;
  /** Whether the offer job would offer them a seat of the session ranked for (rankedFor) now. */
  offerable: boolean;
  /** Why not, when not. */
  notOfferableBecause: NotOfferableReason | null;
  /** Their live offer, if any: they are offered nothing else meanwhile. */
  currentOffer: {
    offerId: string;
    status: OfferStatus;
    sessionId: string;
    sessionStartsAt: string;
    expiresAt: string;
    appointmentId: string | null;
  } | null;
}

export interface WaitingListView {
  service: { id: string; name: string };
  /**
   * The session the order is worked out for (the usual-day rule depends on its weekday): the first
   * the offer job would offer a seat of, or, when all are full, the next that may be offered; null
   * when the service has none.
   */
  rankedFor: { sessionId: string; startsAt: string; freeSeats: number } | null;
  items: WaitingListItem[];
  total: number;
  limit: number;
  offset: number;
}
