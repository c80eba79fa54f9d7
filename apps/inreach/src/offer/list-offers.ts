import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { CLOCK, type Clock } from '@careloop/time';
import { auditEntryBy } from '../audit-entry-by';
import { INREACH_SCHEMA } from '../inreach-schema';
import type { SessionStatus } from '../session/session.entity';
import { MY_CLIENTS, type ListOffersQuery, type OfferListView, type OfferView } from './offer.dto';
import type { OfferStatus } from './offer.entity';

interface OfferRow {
  id: string;
  status: OfferStatus;
  client_id: string;
  referral_id: string;
  keyworker_id: string;
  service_id: string;
  service_name: string;
  provider_name: string;
  session_id: string;
  session_starts_at: Date;
  session_ends_at: Date;
  session_status: SessionStatus;
  site_name: string;
  site_address: string;
  room_name: string;
  given_name: string | null;
  family_name: string | null;
  preferred_name: string | null;
  offered_at: Date;
  expires_at: Date;
  appointment_id: string | null;
  slot_starts_at: Date | null;
  ended_at: Date | null;
  end_reason: string | null;
}

/** What the list shows of a client, named in its audit entries. */
const CLIENT_FIELDS = ['name', 'preferredName', 'keyworkerId'];

/**
 * The offers of the caller's organisation, newest first, filtered by status, keyworker (the client's
 * current one; `me` for the caller) and service, a page at a time with the total. Every read is
 * audited in its transaction: one entry per offer shown (naming its client), or one for the list
 * when it shows none.
 */
@Injectable()
export class ListOffers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(principal: Principal, query: ListOffersQuery): Promise<OfferListView> {
    return this.dataSource.transaction(async (manager) => {
      const keyworkerId = query.keyworkerId === MY_CLIENTS ? principal.userId : (query.keyworkerId ?? null);
      const filters = [principal.orgId, query.status ?? null, keyworkerId, query.serviceId ?? null];
      const [{ total }] = (await manager.query(
        `SELECT count(*)::int AS "total" ${FROM_FILTERED}`,
        filters,
      )) as [{ total: number }];
      const rows = (await manager.query(
        `SELECT o."id", o."status", o."client_id", o."referral_id",
                COALESCE(c."keyworker_id", o."keyworker_id") AS "keyworker_id",
                sv."id" AS "service_id", sv."name" AS "service_name", sv."provider_name",
                s."id" AS "session_id", s."starts_at" AS "session_starts_at", s."ends_at" AS "session_ends_at",
                s."status" AS "session_status", si."name" AS "site_name", si."address" AS "site_address",
                r."name" AS "room_name", c."given_name", c."family_name", c."preferred_name",
                o."offered_at", o."expires_at", o."appointment_id", o."slot_starts_at", o."ended_at", o."end_reason"
           ${FROM_FILTERED}
          ORDER BY o."offered_at" DESC, o."id"
          LIMIT $5 OFFSET $6`,
        [...filters, query.limit, query.offset],
      )) as OfferRow[];
      const items = rows.map(toOfferView);
      await this.recordRead(manager, principal, items);
      return { items, total, limit: query.limit, offset: query.offset };
    });
  }

  private async recordRead(manager: EntityManager, principal: Principal, items: OfferView[]): Promise<void> {
    const entry = auditEntryBy(principal, {
      action: 'read',
      subjectType: 'inreach_offer_list',
      subjectId: principal.orgId,
      details: { purpose: 'offers', fields: CLIENT_FIELDS },
      occurredAt: this.clock.now(),
    });
    await this.audit.recordMany(
      manager,
      INREACH_SCHEMA,
      items.length === 0
        ? [{ ...entry, details: { ...entry.details, fields: [] } }]
        : items.map((o) => ({
            ...entry,
            subjectType: 'inreach_offer',
            subjectId: o.id,
            clientId: o.clientId,
          })),
    );
  }
}

/** The organisation's offers ($1) of a status ($2), keyworker ($3) and service ($4), each filter optional. */
const FROM_FILTERED = `
   FROM "inreach"."offer" o
   JOIN "inreach"."inreach_service" sv ON sv."id" = o."service_id"
   JOIN "inreach"."session" s ON s."id" = o."session_id"
   JOIN "inreach"."room" r ON r."id" = s."room_id"
   JOIN "inreach"."site" si ON si."site_id" = sv."site_id"
   LEFT JOIN "inreach"."client" c ON c."client_id" = o."client_id" AND c."org_id" = o."org_id"
  WHERE o."org_id" = $1 AND sv."host_org_id" = $1
    AND ($2::text IS NULL OR o."status" = $2)
    AND ($3::text IS NULL OR COALESCE(c."keyworker_id", o."keyworker_id") = $3)
    AND ($4::uuid IS NULL OR o."service_id" = $4)`;

function toOfferView(r: OfferRow): OfferView {
  return {
    id: r.id,
    status: r.status,
    clientId: r.client_id,
    client:
      r.given_name !== null && r.family_name !== null
        ? { givenName: r.given_name, familyName: r.family_name, preferredName: r.preferred_name }
        : null,
    referralId: r.referral_id,
    keyworkerId: r.keyworker_id,
    service: { id: r.service_id, name: r.service_name, providerName: r.provider_name },
    session: {
      id: r.session_id,
      startsAt: r.session_starts_at.toISOString(),
      endsAt: r.session_ends_at.toISOString(),
      status: r.session_status,
    },
    place: { siteName: r.site_name, roomName: r.room_name, address: r.site_address },
    offeredAt: r.offered_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    appointmentId: r.appointment_id,
    slotStartsAt: r.slot_starts_at?.toISOString() ?? null,
    endedAt: r.ended_at?.toISOString() ?? null,
    endReason: r.end_reason,
  };
}
