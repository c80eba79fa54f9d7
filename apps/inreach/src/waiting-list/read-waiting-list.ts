import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { CLOCK, type Clock } from '@careloop/time';
import { auditEntryBy } from '../audit-entry-by';
import { INREACH_POLICY, type InreachPolicy } from '../inreach-policy';
import { INREACH_SCHEMA } from '../inreach-schema';
import { freeSeats } from '../offer/free-seats';
import { earliestOfferableStart } from '../offer/offer-expiry';
import { offerOrder, rankReasons, type RankContext } from '../offer/offer-ranking';
import type { OfferStatus } from '../offer/offer.entity';
import { offerableSessions } from '../offer/offerable-sessions';
import { holdsLapsedBefore } from '../offer/taken-seat';
import { HAS_LIVE_OFFER, inAComingSession, OFFERED_SESSION_IDS } from '../offer/waiting-clients';
import { loadOwnService } from '../service/load-service';
import type {
  NotOfferableReason,
  WaitingListItem,
  WaitingListQuery,
  WaitingListView,
} from './waiting-list.dto';
import type { Urgency } from './waiting-list-entry.entity';

interface EntryRow {
  referral_id: string;
  client_id: string;
  urgency: Urgency;
  joined_at: Date;
  given_name: string | null;
  family_name: string | null;
  preferred_name: string | null;
  keyworker_id: string | null;
  attendance_days: string[] | null;
  offer_id: string | null;
  offer_status: OfferStatus | null;
  offer_session_id: string | null;
  offer_session_starts_at: Date | null;
  offer_expires_at: Date | null;
  offer_appointment_id: string | null;
  client_known: boolean;
  has_live_offer: boolean;
  in_a_coming_session: boolean;
  offered_session_ids: string[];
}

/** What the list shows of a client, named in its audit entries. */
const CLIENT_FIELDS = ['name', 'preferredName', 'keyworkerId', 'urgency', 'waitingSince'];

/**
 * The clients waiting for one of the caller's organisation's services, in the order the offer job
 * would offer them a seat (offerOrder, for the first session with a free seat), each with why they
 * stand there, whether the job would offer them that session now (the rules of waitingClients) and
 * their live offer; a page at a time. Every read is audited in its transaction: one entry per client
 * shown, or one for the service when it shows nobody.
 */
@Injectable()
export class ReadWaitingList {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INREACH_POLICY) private readonly policy: InreachPolicy,
  ) {}

  execute(principal: Principal, serviceId: string, query: WaitingListQuery): Promise<WaitingListView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const lapsedBefore = holdsLapsedBefore(now, this.policy);
      const service = await loadOwnService(manager, principal, serviceId);
      const sessions = await offerableSessions(
        manager,
        service.id,
        earliestOfferableStart(now, this.policy),
        lapsedBefore,
      );
      const session = sessions.find((s) => freeSeats(s) > 0) ?? sessions[0];
      const context: RankContext = {
        now,
        sessionStartsAt: session?.startsAt ?? null,
        longWaitDays: this.policy.longWaitDays,
      };
      const entries = await this.waitingEntries(manager, service, now, lapsedBefore);
      const ranked = offerOrder(
        entries.map((row) => ({
          row,
          referralId: row.referral_id,
          urgency: row.urgency,
          joinedAt: row.joined_at,
          attendanceDays: row.attendance_days ?? [],
        })),
        context,
      );
      const items = ranked
        .slice(query.offset, query.offset + query.limit)
        .map((candidate, i) =>
          toItem(candidate.row, query.offset + i + 1, rankReasons(candidate, context), session?.id ?? null),
        );
      const view: WaitingListView = {
        service: { id: service.id, name: service.name },
        rankedFor: session
          ? { sessionId: session.id, startsAt: session.startsAt.toISOString(), freeSeats: freeSeats(session) }
          : null,
        items,
        total: ranked.length,
        limit: query.limit,
        offset: query.offset,
      };
      await this.recordRead(manager, principal, service.id, items, now);
      return view;
    });
  }

  private async waitingEntries(
    manager: EntityManager,
    service: { id: string; hostOrgId: string },
    now: Date,
    lapsedBefore: Date,
  ): Promise<EntryRow[]> {
    return (await manager.query(
      `SELECT e."referral_id", e."client_id", e."urgency", e."joined_at",
              c."given_name", c."family_name", c."preferred_name", c."keyworker_id", c."attendance_days",
              o."id" AS "offer_id", o."status" AS "offer_status", o."session_id" AS "offer_session_id",
              os."starts_at" AS "offer_session_starts_at", o."expires_at" AS "offer_expires_at",
              o."appointment_id" AS "offer_appointment_id",
              c."client_id" IS NOT NULL AS "client_known", ${HAS_LIVE_OFFER} AS "has_live_offer",
              ${inAComingSession('$3', '$4')} AS "in_a_coming_session",
              ${OFFERED_SESSION_IDS} AS "offered_session_ids"
         FROM "inreach"."waiting_list_entry" e
         LEFT JOIN "inreach"."client" c ON c."client_id" = e."client_id" AND c."org_id" = e."org_id"
         LEFT JOIN "inreach"."offer" o ON o."referral_id" = e."referral_id" AND o."status" IN ('requested', 'open')
         LEFT JOIN "inreach"."session" os ON os."id" = o."session_id"
        WHERE e."service_id" = $1 AND e."org_id" = $2 AND e."status" = 'waiting'`,
      [service.id, service.hostOrgId, now, lapsedBefore],
    )) as EntryRow[];
  }

  private async recordRead(
    manager: EntityManager,
    principal: Principal,
    serviceId: string,
    items: WaitingListItem[],
    now: Date,
  ): Promise<void> {
    const entry = auditEntryBy(principal, {
      action: 'read',
      subjectType: 'inreach_waiting_list',
      subjectId: serviceId,
      details: { purpose: 'waiting-list', fields: CLIENT_FIELDS },
      occurredAt: now,
    });
    const clientIds = [...new Set(items.map((i) => i.clientId))];
    await this.audit.recordMany(
      manager,
      INREACH_SCHEMA,
      clientIds.length === 0
        ? [{ ...entry, details: { ...entry.details, fields: [] } }]
        : clientIds.map((clientId) => ({ ...entry, clientId })),
    );
  }
}

/** Why the offer job would pass the entry over for the session, in the order it checks; null if it would not. */
function notOfferableBecause(r: EntryRow, rankedForSessionId: string | null): NotOfferableReason | null {
  if (!r.client_known) return 'client_unknown';
  if (r.has_live_offer) return 'live_offer';
  if (r.in_a_coming_session) return 'in_a_coming_session';
  if (rankedForSessionId && r.offered_session_ids.includes(rankedForSessionId)) return 'offered_this_session';
  return null;
}

function toItem(
  r: EntryRow,
  position: number,
  reasons: ReturnType<typeof rankReasons>,
  rankedForSessionId: string | null,
): WaitingListItem {
  const notOfferable = notOfferableBecause(r, rankedForSessionId);
  return {
    position,
    referralId: r.referral_id,
    clientId: r.client_id,
    client:
      r.given_name !== null && r.family_name !== null
        ? { givenName: r.given_name, familyName: r.family_name, preferredName: r.preferred_name }
        : null,
    keyworkerId: r.keyworker_id,
    urgency: r.urgency,
    waitingSince: r.joined_at.toISOString(),
    waitingDays: reasons.waitingDays,
    longWait: reasons.longWait,
    usualDay: reasons.usualDay,
    offerable: notOfferable === null,
    notOfferableBecause: notOfferable,
    currentOffer:
      r.offer_id && r.offer_status && r.offer_session_id && r.offer_expires_at
        ? {
            offerId: r.offer_id,
            status: r.offer_status,
            sessionId: r.offer_session_id,
            sessionStartsAt: r.offer_session_starts_at?.toISOString() ?? '',
            expiresAt: r.offer_expires_at.toISOString(),
            appointmentId: r.offer_appointment_id,
          }
        : null,
  };
}
