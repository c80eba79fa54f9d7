import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import type { ReservedFor } from '@careloop/contracts';
import { CLOCK, type Clock } from '@careloop/time';
import type { SlotStatus } from '../slot/slot.entity';
import { assertWindowWithin } from '../slot/window-limit';
import { loadOwnSchedule } from './load-schedule';
import { scheduleSlotWindow } from './schedule-slot-window';
import {
  DEFAULT_SCHEDULE_SLOT_DAYS,
  MAX_SCHEDULE_SLOT_DAYS,
  SCHEDULE_SLOT_LIMIT,
  type ScheduleSlotsQuery,
  type ScheduleSlotsView,
  type ScheduleSlotView,
} from './schedule-slots.dto';

interface ScheduleSlotRow {
  id: string;
  rule_id: string | null;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  taken: number;
  status: SlotStatus;
  withdrawn_reason: string | null;
  withdrawn_at: Date | null;
  reserved_for: ReservedFor | null;
  release_at: Date | null;
  released_at: Date | null;
  held: number;
  booked: number;
}

/**
 * Every slot of one of the caller's schedules starting in the window, whatever its status or
 * reservation (a clinic sees its slots reserved for all CDAS, which a search by the clinic leaves
 * out): seats taken, held and booked, why it was withdrawn, who it is reserved for and when that ends.
 * Appointments are only counted, in the same statement as the slots so the counts agree with
 * `taken`; no client is read, so nothing is audited. Another organisation's schedule is not found.
 */
@Injectable()
export class ListScheduleSlots {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    scheduleId: string,
    query: ScheduleSlotsQuery,
  ): Promise<ScheduleSlotsView> {
    const window = scheduleSlotWindow(this.clock.now(), query.from, query.to, DEFAULT_SCHEDULE_SLOT_DAYS);
    assertWindowWithin(window, MAX_SCHEDULE_SLOT_DAYS);
    await loadOwnSchedule(this.dataSource.manager, principal, scheduleId);
    const rows: ScheduleSlotRow[] = await this.dataSource.query(
      `SELECT s."id", s."rule_id", s."starts_at", s."ends_at", s."capacity", s."taken", s."status",
              s."withdrawn_reason", s."withdrawn_at", s."reserved_for", s."release_at", s."released_at",
              seats."held", seats."booked"
         FROM "booking"."slot" s
         CROSS JOIN LATERAL (
           SELECT count(*) FILTER (WHERE a."status" = 'held')::int AS "held",
                  count(*) FILTER (WHERE a."status" = 'booked')::int AS "booked"
             FROM "booking"."appointment" a
            WHERE a."slot_id" = s."id" AND a."status" IN ('held', 'booked')) seats
        WHERE s."schedule_id" = $1 AND s."starts_at" >= $2 AND s."starts_at" < $3
          AND ($4::text IS NULL OR s."status" = $4)
        ORDER BY s."starts_at", s."id"
        LIMIT $5`,
      [scheduleId, window.from, window.to, query.status ?? null, SCHEDULE_SLOT_LIMIT + 1],
    );
    return {
      scheduleId,
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      slots: rows.slice(0, SCHEDULE_SLOT_LIMIT).map(toScheduleSlotView),
      truncated: rows.length > SCHEDULE_SLOT_LIMIT,
    };
  }
}

function toScheduleSlotView(row: ScheduleSlotRow): ScheduleSlotView {
  return {
    id: row.id,
    ruleId: row.rule_id,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    capacity: row.capacity,
    taken: row.taken,
    free: row.capacity - row.taken,
    seats: { held: row.held, booked: row.booked },
    status: row.status,
    withdrawnReason: row.withdrawn_reason,
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
    reservation: row.reserved_for
      ? {
          reservedFor: row.reserved_for,
          releaseAt: row.release_at?.toISOString() ?? null,
          releasedAt: row.released_at?.toISOString() ?? null,
        }
      : null,
  };
}
