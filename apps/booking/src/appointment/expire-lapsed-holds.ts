import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@careloop/auth';
import { Outbox } from '@careloop/messaging';
import type { TimerTask } from '../timers/timer-task';
import { endLapsedHolds } from './end-holds';

/** Slots locked per transaction: small enough to keep each lock short. */
const BATCH = 100;

/**
 * Ends every hold that lapsed by `now` and gives its seat back. Slots with a lapsed hold are locked
 * SKIP LOCKED: a slot locked elsewhere is being booked (which ends its lapsed holds itself) or
 * handled by a concurrent run, and a later run finds whatever is left. When nothing is due this is
 * one query on the partial index of held appointments.
 */
@Injectable()
export class ExpireLapsedHolds implements TimerTask {
  readonly name = 'expire-lapsed-holds';

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  async run(now: Date): Promise<number> {
    let ended = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const due: { id: string }[] = await manager.query(
          `SELECT s."id" FROM "booking"."slot" s
            WHERE s."id" IN (SELECT a."slot_id" FROM "booking"."appointment" a
                              WHERE a."status" = 'held' AND a."hold_expires_at" <= $1)
            ORDER BY s."id" LIMIT $2
            FOR UPDATE OF s SKIP LOCKED`,
          [now, BATCH],
        );
        const holds = await endLapsedHolds(
          manager,
          { outbox: this.outbox, audit: this.audit },
          due.map((slot) => slot.id),
          now,
        );
        return { slots: due.length, holds: holds.length };
      });
      ended += batch.holds;
      if (batch.slots < BATCH) return ended;
    }
  }
}
