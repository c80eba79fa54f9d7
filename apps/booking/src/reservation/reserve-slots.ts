import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { slotsReservedV1 } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { releaseAtFor, releaseHasPassed } from './reservation-rules';
import { assertReservationTarget } from './reservation-target';
import type { ReservedSlotsView, ReserveSlotsBody } from './reservation.dto';
import { ReservationError } from './reservation.errors';
import { lockOwnSlots } from '../slot/lock-slots';
import { closedReason, refusedSlots } from './refused-slots';
import { batchEnvelope, bySchedule } from './slot-batches';

/**
 * A clinic reserves its own future open slots for one organisation or for all CDAS, all or none. The
 * organisation must be one booking knows and not the clinic's own, and no slot's release time may
 * have passed already (422, nothing changes). Reserving again replaces the previous reservation and
 * starts it afresh (a released slot is reserved again). Seats already held or booked stay as they
 * are; only the free ones become reserved. The change and one `slots.reserved.v1` per schedule commit
 * together. Slots carry no client data, so nothing is audited.
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
      await assertReservationTarget(manager, principal, body.reservedFor, 'reservedFor.orgId');
      const slots = await lockOwnSlots(manager, principal.orgId, body.slotIds);
      const refused = refusedSlots(slots, (s) => closedReason(s, now));
      if (refused.length > 0) {
        throw new ReservationError('SLOTS_NOT_RESERVABLE', {
          detail: `${refused.length} of the ${slots.length} slots are withdrawn, have started or are an in-reach session's`,
          extensions: { slots: refused },
        });
      }

      const releaseBeforeMinutes = body.releaseBeforeMinutes ?? null;
      const releasePassed = slots
        .filter((s) => releaseHasPassed(releaseAtFor(s.startsAt, releaseBeforeMinutes), now))
        .map((s) => s.id);
      if (releasePassed.length > 0) {
        throw new ReservationError('RELEASE_TIME_PASSED', {
          detail: `${releasePassed.length} of the ${slots.length} slots start within ${releaseBeforeMinutes} minutes, so their release time has passed`,
          extensions: { slotIds: releasePassed },
        });
      }
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
          ...batchEnvelope(batch, { kind: 'user', id: principal.userId }, now),
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
