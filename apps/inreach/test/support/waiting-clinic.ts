import type { DataSource } from 'typeorm';
import type { ClientSnapshot, Weekday } from '@careloop/contracts';
import { MatchOffers } from '../../src/offer/match-offers';
import { OfferModule } from '../../src/offer/offer.module';
import { WaitingListModule } from '../../src/waiting-list/waiting-list.module';
import type { SessionView } from '../../src/session/session.dto';
import { aClinicWithSessions, ON_THE_DAY_MODULES, published, type ClinicWithSessions } from './clinic-day';
import type { CoordinatorAtASite } from './coordinator-at-a-site';
import { aClientEvent, aClientSnapshot, deliveredToInreach } from './day-sheet-events';
import type { InreachOverHttp } from './inreach-over-http';
import {
  aHold,
  anInreachReferral,
  anInreachReferralCreatedEvent,
  type Hold,
  type InreachReferral,
} from './offer-events';

/** In-reach's modules for waiting lists and offers, beside the on-the-day ones they build on. */
export const OFFER_MODULES = [...ON_THE_DAY_MODULES, WaitingListModule, OfferModule];

/**
 * A clinic (aClinicWithSessions) of `seats` 20-minute slots of one seat on Wednesdays from 10:00, its
 * sessions on `dates` published.
 */
export async function aClinicOfSeats(
  clinic: CoordinatorAtASite,
  seats: number,
  ...dates: string[]
): Promise<ClinicWithSessions & { sessions: SessionView[] }> {
  const end = 10 * 60 + seats * 20;
  const endTime = `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
  const hepC = await aClinicWithSessions(clinic, { series: { startTime: '10:00', endTime } });
  const sessions: SessionView[] = [];
  for (const date of dates) sessions.push(await published(clinic, hepC.on(date)));
  return { ...hepC, sessions };
}

export interface ReferredClient {
  client: ClientSnapshot;
  referral: InreachReferral;
}

export interface ReferredClientOptions {
  /** When the referral was sent (and so when they joined the list). */
  referredAt: string;
  urgency?: InreachReferral['urgency'];
  /** Their usual CDAS days (09:00-12:00 each). */
  days?: Weekday[];
  given?: string;
  family?: string;
  keyworkerId?: string;
}

/** A client of `orgId` registered with in-reach and referred to the service (so waiting for it). */
export async function aReferredClient(
  api: InreachOverHttp,
  orgId: string,
  serviceId: string,
  options: ReferredClientOptions,
): Promise<ReferredClient> {
  const client = aClientSnapshot({
    name: { given: options.given ?? 'Sam', family: options.family ?? 'Taylor' },
    keyworkerId: options.keyworkerId ?? 'alex.morgan',
    attendancePattern: (options.days ?? []).map((day) => ({ day, from: '09:00', to: '12:00' })),
  });
  const referral = anInreachReferral({
    orgId,
    clientId: client.clientId,
    serviceId,
    urgency: options.urgency ?? 'routine',
  });
  await deliveredToInreach(
    api,
    aClientEvent(orgId, client),
    anInreachReferralCreatedEvent(referral, options.referredAt),
  );
  return { client, referral };
}

/** The offer job's work, from the running in-reach. */
export const matcherOf = (api: InreachOverHttp): MatchOffers =>
  api.running.app.get(MatchOffers, { strict: false });

export interface StoredOffer {
  id: string;
  session_id: string;
  client_id: string;
  referral_id: string;
  keyworker_id: string;
  status: string;
  appointment_id: string | null;
  slot_starts_at: Date | null;
  offered_at: Date;
  expires_at: Date;
  end_reason: string | null;
}

/** The service's offers, oldest first (then by client id, so offers made together come in one order). */
export async function offersOf(dataSource: DataSource, serviceId: string): Promise<StoredOffer[]> {
  return (await dataSource.query(
    `SELECT id, session_id, client_id, referral_id, keyworker_id, status, appointment_id, slot_starts_at,
            offered_at, expires_at, end_reason
       FROM inreach.offer WHERE service_id = $1 ORDER BY offered_at, client_id`,
    [serviceId],
  )) as StoredOffer[];
}

/** When the service's waiting list is next due for offers, if it is. */
export async function offersDueAt(dataSource: DataSource, serviceId: string): Promise<Date | undefined> {
  const rows = (await dataSource.query(`SELECT due_at FROM inreach.offer_due WHERE service_id = $1`, [
    serviceId,
  ])) as { due_at: Date }[];
  return rows[0]?.due_at;
}

/** The hold booking makes for the offer (its session's first slot), as it does on inreach.offer-made.v1. */
export function aHoldFor(
  offer: StoredOffer,
  session: Pick<SessionView, 'id' | 'startsAt'>,
  orgId: string,
): Hold {
  return aHold({
    orgId,
    clientId: offer.client_id,
    referralId: offer.referral_id,
    sessionId: session.id,
    startsAt: session.startsAt,
    endsAt: new Date(Date.parse(session.startsAt) + 20 * 60_000).toISOString(),
    holdExpiresAt: offer.expires_at.toISOString(),
    offerId: offer.id,
  });
}
