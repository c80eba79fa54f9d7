import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import type { ReservedFor } from '@careloop/contracts';
import { CLOCK, type Clock } from '@careloop/time';
import {
  DEFAULT_USAGE_DAYS_EACH_WAY,
  MAX_USAGE_DAYS,
  type ReservationUsageCounts,
  type ReservationUsageQuery,
  type ReservationUsageView,
} from './reservation.dto';
import { ReservationError } from './reservation.errors';

const DAY_MS = 24 * 60 * 60 * 1000;

const COUNT_KEYS = [
  'reserved',
  'used',
  'releasedUnused',
  'bookedAfterRelease',
  'unusedPast',
  'openUpcoming',
  'withdrawn',
  'appointmentsUnderReservation',
] as const satisfies readonly (keyof ReservationUsageCounts)[];

type CountKey = (typeof COUNT_KEYS)[number];
type UsageRow = { reservedFor: ReservedFor } & Record<CountKey, string>;

/**
 * How a clinic's reserved slots were used, so it can show (and fund) what the reservation achieved.
 * Use is read from `appointment.under_reservation`, set when a seat was booked while the slot was
 * reserved: a seat booked after the release is general booking, not use of the reservation.
 * Counts are per slot; no client data is read, so nothing is audited. Slots of in-reach sessions are
 * left out: they are reserved for their host CDAS because the session is for its clients, not as
 * capacity a clinic set aside.
 */
@Injectable()
export class ReservationUsage {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, query: ReservationUsageQuery): Promise<ReservationUsageView> {
    const now = this.clock.now();
    const from = query.from
      ? new Date(query.from)
      : new Date(now.getTime() - DEFAULT_USAGE_DAYS_EACH_WAY * DAY_MS);
    const to = query.to ? new Date(query.to) : new Date(now.getTime() + DEFAULT_USAGE_DAYS_EACH_WAY * DAY_MS);
    if (to.getTime() <= from.getTime() || to.getTime() - from.getTime() > MAX_USAGE_DAYS * DAY_MS) {
      throw new ReservationError('USAGE_WINDOW_INVALID', {
        detail: `from ${from.toISOString()} to ${to.toISOString()}`,
        extensions: { from: from.toISOString(), to: to.toISOString() },
      });
    }

    // A slot is in exactly one of used / withdrawn / released unused / unused past / open upcoming.
    const rows: UsageRow[] = await this.dataSource.query(
      `SELECT s."reserved_for" AS "reservedFor",
              count(*) AS "reserved",
              count(*) FILTER (WHERE u.under_reservation > 0) AS "used",
              count(*) FILTER (WHERE u.under_reservation = 0 AND s."status" = 'withdrawn') AS "withdrawn",
              count(*) FILTER (WHERE u.under_reservation = 0 AND s."status" = 'open'
                                 AND s."released_at" IS NOT NULL) AS "releasedUnused",
              count(*) FILTER (WHERE u.under_reservation = 0 AND s."status" = 'open'
                                 AND s."released_at" IS NOT NULL AND u.after_release > 0) AS "bookedAfterRelease",
              count(*) FILTER (WHERE u.under_reservation = 0 AND s."status" = 'open'
                                 AND s."released_at" IS NULL AND s."starts_at" <= $4) AS "unusedPast",
              count(*) FILTER (WHERE u.under_reservation = 0 AND s."status" = 'open'
                                 AND s."released_at" IS NULL AND s."starts_at" > $4) AS "openUpcoming",
              coalesce(sum(u.under_reservation), 0) AS "appointmentsUnderReservation"
         FROM "booking"."slot" s
         CROSS JOIN LATERAL (
           SELECT count(*) FILTER (WHERE a."under_reservation") AS under_reservation,
                  count(*) FILTER (WHERE NOT a."under_reservation") AS after_release
             FROM "booking"."appointment" a
            WHERE a."slot_id" = s."id" AND a."status" = 'booked') u
        WHERE s."org_id" = $1 AND s."starts_at" >= $2 AND s."starts_at" < $3
          AND s."reserved_for" IS NOT NULL AND s."inreach_session_id" IS NULL
        GROUP BY s."reserved_for"
        ORDER BY count(*) DESC, s."reserved_for"::text`,
      [principal.orgId, from, to, now],
    );
    const byReservedFor = rows.map((row) => ({ reservedFor: row.reservedFor, ...countsOf(row) }));
    return {
      orgId: principal.orgId,
      from: from.toISOString(),
      to: to.toISOString(),
      totals: sumCounts(byReservedFor),
      byReservedFor,
    };
  }
}

function countsOf(row: UsageRow): ReservationUsageCounts {
  return countsFrom((key) => Number(row[key]));
}

function sumCounts(groups: readonly ReservationUsageCounts[]): ReservationUsageCounts {
  return countsFrom((key) => groups.reduce((total, group) => total + group[key], 0));
}

function countsFrom(value: (key: CountKey) => number): ReservationUsageCounts {
  const counts = {} as ReservationUsageCounts;
  for (const key of COUNT_KEYS) counts[key] = value(key);
  return counts;
}
