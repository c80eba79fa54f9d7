import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { slotsReservedV1 } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { releaseAtFor } from './reservation-rules';
import type { ReservedSlotsView, ReserveSlotsBody } from './reservation.dto';
import { ReservationError } from './reservation.errors';
import { bySchedule, lockOwnSlots } from './slot-batches';

/**
 * A clinic reserves its own future open slots for one organisation or for all CDAS, all or none.
 * Reserving again replaces the previous reservation and starts it afresh (a released slot is reserved
 * again). Seats already held or booked stay as they are; only the free ones become reserved. The
 * change and one `slots.reserved.v1` per schedule commit together. Slots carry no client data, so
 * nothing is audited.
 */
@Injectable()
export class ReserveSlots {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, body: ReserveSlotsBody): Promise<ReservedSlotsView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const slots = await lockOwnSlots(manager, principal.orgId, body.slotIds);
      const refused = slots.flatMap((s) =>
        s.status !== 'open'
          ? [{ slotId: s.id, reason: 'withdrawn' }]
          : s.startsAt.getTime() <= now.getTime()
            ? [{ slotId: s.id, reason: 'started' }]
            : [],
      );
      if (refused.length > 0) {
        throw new ReservationError('SLOTS_NOT_RESERVABLE', {
          detail: `${refused.length} of the ${slots.length} slots are withdrawn or have started`,
          extensions: { slots: refused },
        });
      }

      const releaseBeforeMinutes = body.releaseBeforeMinutes ?? null;
      await manager.query(
        `UPDATE "booking"."slot" s
            SET "reserved_for" = $1::jsonb, "release_at" = r.release_at, "released_at" = NULL
           FROM unnest($2::uuid[], $3::timestamptz[]) AS r(id, release_at)
          WHERE s."id" = r.id`,
        [
          JSON.stringify(body.reservedFor),
          slots.map((s) => s.id),
          slots.map((s) => releaseAtFor(s.startsAt, releaseBeforeMinutes)?.toISOString() ?? null),
        ],
      );
      for (const batch of bySchedule(slots)) {
        await this.outbox.add(manager, slotsReservedV1, {
          subjectId: batch.scheduleId,
          orgId: batch.orgId,
          actor: { kind: 'user', id: principal.userId },
          occurredAt: now,
          data: {
            scheduleId: batch.scheduleId,
            slotIds: batch.slotIds,
            reservedFor: body.reservedFor,
            releaseBeforeMinutes,
          },
        });
      }
      return { reserved: slots.length };
    });
  }
}
