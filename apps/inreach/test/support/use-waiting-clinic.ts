import type { Clock } from '@careloop/time';
import type { OfferRunResult } from '../../src/offer/match-offers';
import { useCoordinatorAtASite, type CoordinatorAtASite } from './coordinator-at-a-site';
import {
  aClinicOfSeats,
  aReferredClient,
  matcherOf,
  OFFER_MODULES,
  type ReferredClient,
  type ReferredClientOptions,
  type StoredOffer,
} from './waiting-clinic';

export interface WaitingClinic {
  /** The coordinator at a site of the spec's own CDAS, with in-reach's offer modules mounted. */
  clinic: CoordinatorAtASite;
  /** One run of the offer job at the clock's now. */
  run(): Promise<OfferRunResult>;
  /** A clinic of `seats` one-seat slots, its sessions on `dates` published (aClinicOfSeats). */
  aClinic(seats: number, ...dates: string[]): ReturnType<typeof aClinicOfSeats>;
  /** A client of the spec's CDAS referred to the service, so waiting for it (aReferredClient). */
  referred(serviceId: string, options: ReferredClientOptions): Promise<ReferredClient>;
}

/**
 * What the offer specs work on: a coordinator at a site with in-reach's waiting-list and offer modules
 * (useCoordinatorAtASite, on the spec's own database), clinics of seats, clients referred to them, and
 * the offer job run by hand. Call it in the describe block before the spec's beforeAll.
 */
export function useWaitingClinic(options: { database: string; clock: Clock }): WaitingClinic {
  const clinic = useCoordinatorAtASite({ ...options, modules: OFFER_MODULES });
  return {
    clinic,
    run: () => matcherOf(clinic.api).run(options.clock.now()),
    aClinic: (seats, ...dates) => aClinicOfSeats(clinic, seats, ...dates),
    referred: (serviceId, referral) => aReferredClient(clinic.api, clinic.orgId, serviceId, referral),
  };
}

/** The clients the offers went to, in the offers' order; only offers in one of `statuses`, if any given. */
export const clientsOf = (offers: StoredOffer[], ...statuses: string[]) =>
  offers.filter((o) => statuses.length === 0 || statuses.includes(o.status)).map((o) => o.client_id);
