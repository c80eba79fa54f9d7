import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { slotsReleasedV1 } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { isReserved } from './reservation-rules';
import type { ReleasedSlotsView, ReleaseReservationsBody } from './reservation.dto';
import { ReservationError } from './reservation.errors';
import { lockOwnSlots } from '../slot/lock-slots';
import { closedReason, refusedSlots } from './refused-slots';
import { batchEnvelope, bySchedule } from './slot-batches';

/**
 * A clinic hands reserved slots back to general booking before their release time, all or none. The
 * reservation is kept on the slot (who it was for, for the usage report) and marked released now.
 */
@Injectable()
export class ReleaseReservations {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, body: ReleaseReservationsBody): Promise<ReleasedSlotsView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const slots = await lockOwnSlots(manager, principal.orgId, body.slotIds);
      const refused = refusedSlots(slots, (s) => (isReserved(s) ? closedReason(s, now) : 'not_reserved'));
      if (refused.length > 0) {
        throw new ReservationError('SLOTS_NOT_RELEASABLE', {
          detail: `${refused.length} of the ${slots.length} slots hold no reservation that can be released`,
          extensions: { slots: refused },
        });
      }

      await manager.query(`UPDATE "booking"."slot" SET "released_at" = $1 WHERE "id" = ANY($2::uuid[])`, [
        now,
        slots.map((s) => s.id),
      ]);
      for (const batch of bySchedule(slots)) {
        await this.outbox.add(manager, slotsReleasedV1, {
          ...batchEnvelope(batch, { kind: 'user', id: principal.userId }, now),
          data: { scheduleId: batch.scheduleId, slotIds: batch.slotIds, reason: 'by_provider' },
        });
      }
      return { released: slots.length };
    });
  }
}
