import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { slotsReleasedV1 } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { BOOKING_SYSTEM_USER } from '../appointment/appointment-events';
import type { TimerTask } from '../timers/timer-task';
import { MAX_RELEASE_BEFORE_MINUTES } from '../slot/slot.dto';
import { batchEnvelope, bySchedule } from './slot-batches';

/** Slots released per transaction: a long backlog is worked off in short transactions. */
export const RELEASE_BATCH_SIZE = 500;

interface DueSlotRow {
  id: string;
  org_id: string;
  schedule_id: string;
  starts_at: Date;
}

/**
 * Hands unused reservations back to general booking when their release time comes: the only place a
 * reservation ends by time (searches and bookings never release at read time). Due means still
 * reserved, release time reached, open, a seat free and not started; a full slot stays reserved and is
 * released by a later run if a seat frees before the start.
 *
 * Each batch locks the due rows with SKIP LOCKED, so concurrent runs (two replicas, a late run
 * overlapping the next) split the work and release each slot once; a slot being booked right now is
 * skipped and looked at again next run. The scan stays on `slot_release_due_idx` within the last
 * MAX_RELEASE_BEFORE_MINUTES of release times (a slot that has not started cannot have an older one),
 * so a run with nothing due reads only that window of the index, however many past reservations
 * there are. Every way of reserving (this context, publishing, availability rules) validates the lead
 * with `slotReservationSchema`, which keeps it within that bound. An in-reach session's slots are
 * never released: they are for the host CDAS's clients (they carry no release time; the condition
 * says so too).
 */
@Injectable()
export class ReleaseDueReservations implements TimerTask {
  readonly name = 'release-due-reservations';

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async run(now: Date): Promise<number> {
    let released = 0;
    for (;;) {
      const batch = await this.dataSource.transaction((manager) => this.releaseBatch(manager, now));
      released += batch;
      if (batch < RELEASE_BATCH_SIZE) return released;
    }
  }

  private async releaseBatch(manager: EntityManager, now: Date): Promise<number> {
    const earliest = new Date(now.getTime() - MAX_RELEASE_BEFORE_MINUTES * 60_000);
    const rows: DueSlotRow[] = await manager.query(
      `WITH due AS (
         SELECT "id" FROM "booking"."slot"
          WHERE "reserved_for" IS NOT NULL AND "released_at" IS NULL
            AND "release_at" <= $1 AND "release_at" > $2
            AND "starts_at" > $1 AND "status" = 'open' AND "taken" < "capacity"
            AND "inreach_session_id" IS NULL
          ORDER BY "release_at", "id"
          LIMIT $3
          FOR UPDATE SKIP LOCKED),
       released AS (
         UPDATE "booking"."slot" s SET "released_at" = $1
           FROM due WHERE s."id" = due."id"
         RETURNING s."id", s."org_id", s."schedule_id", s."starts_at")
       SELECT * FROM released`,
      [now, earliest, RELEASE_BATCH_SIZE],
    );
    const slots = rows.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      scheduleId: r.schedule_id,
      startsAt: r.starts_at,
    }));
    for (const batch of bySchedule(slots)) {
      await this.outbox.add(manager, slotsReleasedV1, {
        ...batchEnvelope(batch, { kind: 'system', id: BOOKING_SYSTEM_USER }, now),
        data: { scheduleId: batch.scheduleId, slotIds: batch.slotIds, reason: 'release_time_reached' },
      });
    }
    return slots.length;
  }
}
