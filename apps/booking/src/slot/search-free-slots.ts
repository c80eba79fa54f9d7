import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { currentCorrelation, newCorrelationId } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../booking-schema';
import { BookingClient } from '../client/booking-client.entity';
import { BookingClientError } from '../client/booking-client.errors';
import { reservationAdmitsSql, reservationSqlParams } from '../reservation/reservation-rules';
import {
  DEFAULT_SEARCH_DAYS,
  MAX_SEARCH_DAYS,
  type SearchSlotsQuery,
  type SlotRankingView,
  type SlotSearchView,
} from './slot-search.dto';
import { highRiskReasons, historySince, rankSlots, type MissedOutcome } from './slot-ranking';
import { toSlotView } from './slot.dto';
import { Slot } from './slot.entity';
import { searchWindow } from './slot-rules';
import { assertWindowWithin } from './window-limit';

/** Most slots one search returns. */
export const SEARCH_LIMIT = 500;

/**
 * Open slots with a free seat that have not started, for any signed-in member of staff: slots
 * reserved for the caller's organisation (or for all CDAS, to a CDAS) are included, other
 * organisations' reservations are not, released ones are open to all. Reservations end only by the
 * timer job or the clinic, never here. A window over 92 days is refused (422), not shortened. The 500
 * soonest visible slots are returned; given a client of the caller's organisation, they are ranked for
 * that client (reading the client is audited).
 */
@Injectable()
export class SearchFreeSlots {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, query: SearchSlotsQuery): Promise<SlotSearchView> {
    const now = this.clock.now();
    // The window first: a refused search reads (and audits) no client.
    const window = searchWindow(now, query.from, query.to, DEFAULT_SEARCH_DAYS);
    assertWindowWithin(window, MAX_SEARCH_DAYS);
    const client = query.clientId ? await this.readClient(principal, query.clientId, now) : null;
    // Free, open and the start range are slot_free_idx's predicate and key: the scan walks it by start.
    const qb = this.dataSource
      .getRepository(Slot)
      .createQueryBuilder('s')
      .where('s.taken < s.capacity')
      .andWhere(`s.status = 'open'`)
      .andWhere('s.startsAt > :from', { from: window.from })
      .andWhere('s.startsAt < :to', { to: window.to })
      .andWhere(reservationAdmitsSql('s'), reservationSqlParams(principal));
    if (query.serviceType) qb.andWhere('s.serviceType = :serviceType', { serviceType: query.serviceType });
    if (query.orgId) qb.andWhere('s.orgId = :orgId', { orgId: query.orgId });
    if (query.siteId) qb.andWhere('s.siteId = :siteId', { siteId: query.siteId });
    if (query.scheduleId) qb.andWhere('s.scheduleId = :scheduleId', { scheduleId: query.scheduleId });
    const rows = await qb
      .orderBy('s.startsAt', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(SEARCH_LIMIT)
      .getMany();

    const slots = rankSlots(
      rows.map(toSlotView),
      now,
      client && {
        attendancePattern: client.attendancePattern,
        highRiskOfNonAttendance: client.ranking.highRiskOfNonAttendance,
      },
    );
    return { slots, ranking: client?.ranking ?? null };
  }

  /** The client's usual days and risk of not attending, from booking's own copy and appointments. */
  private async readClient(
    principal: Principal,
    clientId: string,
    now: Date,
  ): Promise<(Pick<BookingClient, 'attendancePattern'> & { ranking: SlotRankingView }) | null> {
    return this.dataSource.transaction(async (manager) => {
      const client = await manager.findOneBy(BookingClient, { clientId, orgId: principal.orgId });
      if (!client) {
        throw new BookingClientError('CLIENT_NOT_FOUND', {
          detail: `No client ${clientId} of this organisation`,
          extensions: { clientId },
        });
      }
      const missed = await this.missedOutcomes(manager, client, now);
      const reasons = highRiskReasons(missed, client.flags);
      await this.audit.record(manager, BOOKING_SCHEMA, {
        actor: principal,
        action: 'read',
        subjectType: 'client',
        subjectId: clientId,
        clientId,
        correlationId: currentCorrelation()?.correlationId ?? newCorrelationId(),
        details: { purpose: 'rank-slots', fields: ['attendancePattern', 'flags', 'attendanceHistory'] },
        occurredAt: now,
      });
      return {
        attendancePattern: client.attendancePattern,
        ranking: { clientId, highRiskOfNonAttendance: reasons.length > 0, reasons },
      };
    });
  }

  /** Missed or unknown outcomes of the client's appointments that started in the last 12 months. */
  private async missedOutcomes(
    manager: EntityManager,
    client: BookingClient,
    now: Date,
  ): Promise<MissedOutcome[]> {
    const rows: { outcome: MissedOutcome }[] = await manager.query(
      `SELECT DISTINCT CASE WHEN a."attendance" IS NULL THEN 'outcome_overdue' ELSE a."attendance" END AS "outcome"
         FROM "booking"."appointment" a
         JOIN "booking"."slot" s ON s."id" = a."slot_id"
        WHERE a."org_id" = $1 AND a."client_id" = $2 AND a."status" = 'booked'
          AND s."starts_at" >= $3 AND s."starts_at" <= $4
          AND (a."attendance" IN ('did_not_attend', 'cancelled_late', 'left_before_seen')
               OR (a."attendance" IS NULL AND a."outcome_overdue_at" IS NOT NULL))`,
      [client.orgId, client.clientId, historySince(now), now],
    );
    return rows.map((r) => r.outcome);
  }
}
