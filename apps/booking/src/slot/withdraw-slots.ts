import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { slotsWithdrawnV1, type Actor } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { batchEnvelope, bySchedule } from '../reservation/slot-batches';
import type { WithdrawnSlotsView, WithdrawSlotsBody } from './slot.dto';
import { lockOwnSlots } from './lock-slots';
import { Slot } from './slot.entity';
import { SlotError } from './slot.errors';
import { inBatches, SLOT_EVENT_BATCH } from './slot-rules';

/**
 * A provider takes some of its own slots off, all or none. The slots are locked (FOR UPDATE, in id
 * order, as booking locks them) before anything is checked, so a booking either committed before and
 * is seen here (409, nothing withdrawn) or waits and then finds the slot withdrawn. Slots already
 * withdrawn are left as they are, so a retried request is harmless.
 */
@Injectable()
export class WithdrawSlots {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(principal: Principal, body: WithdrawSlotsBody): Promise<WithdrawnSlotsView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const slots = await lockOwnSlots(manager, principal.orgId, body.slotIds);
      const taken = slots.filter((s) => s.taken > 0).map((s) => s.id);
      if (taken.length > 0) {
        throw new SlotError('SLOTS_TAKEN', {
          detail: `Slot(s) ${taken.join(', ')} have a held or booked seat`,
          extensions: { slotIds: taken },
        });
      }
      const open = slots.filter((s) => s.status === 'open');
      const started = open.filter((s) => s.startsAt.getTime() <= now.getTime()).map((s) => s.id);
      if (started.length > 0) {
        throw new SlotError('SLOTS_ALREADY_STARTED', {
          detail: `Slot(s) ${started.join(', ')} have already started`,
          extensions: { slotIds: started },
        });
      }
      const withdrawn = await markWithdrawn(manager, this.outbox, open, {
        reason: body.reason,
        exceptionId: null,
        actor: { kind: 'user', id: principal.userId },
        now,
      });
      return { withdrawn };
    });
  }
}

export interface Withdrawal {
  /** As the provider gave it; travels in slots.withdrawn.v1. */
  reason: string;
  exceptionId: string | null;
  actor: Actor;
  now: Date;
  /**
   * Also withdraw slots with a taken seat: only for an exception (the clinic is closed then), whose
   * held and booked appointments stay and are reported to the clinic; no new seat is offered.
   */
  includingTaken?: boolean;
}

/**
 * Withdraws slots the caller has locked and found free, and adds slots.withdrawn.v1 per schedule (in
 * batches the contract allows) in the same transaction. The UPDATE repeats the free-and-open condition
 * (unless `includingTaken`), so a caller that forgot to check cannot withdraw a taken seat by mistake.
 * Returns how many it withdrew.
 */
export async function markWithdrawn(
  manager: EntityManager,
  outbox: Outbox,
  slots: readonly Slot[],
  withdrawal: Withdrawal,
): Promise<number> {
  if (slots.length === 0) return 0;
  const updated = await manager
    .createQueryBuilder()
    .update(Slot)
    .set({ status: 'withdrawn', withdrawnReason: withdrawal.reason, withdrawnAt: withdrawal.now })
    .where('id = ANY(:ids)', { ids: slots.map((s) => s.id) })
    .andWhere("status = 'open'")
    .andWhere(withdrawal.includingTaken ? 'true' : 'taken = 0')
    .returning(['id'])
    .execute();
  const done = new Set((updated.raw as { id: string }[]).map((r) => r.id));
  const withdrawn = slots.filter((s) => done.has(s.id));
  for (const slot of withdrawn) {
    Object.assign(slot, {
      status: 'withdrawn',
      withdrawnReason: withdrawal.reason,
      withdrawnAt: withdrawal.now,
    });
  }
  for (const schedule of bySchedule(withdrawn)) {
    for (const slotIds of inBatches(schedule.slotIds, SLOT_EVENT_BATCH)) {
      await outbox.add(manager, slotsWithdrawnV1, {
        ...batchEnvelope(schedule, withdrawal.actor, withdrawal.now),
        data: {
          scheduleId: schedule.scheduleId,
          slotIds,
          reason: withdrawal.reason,
          exceptionId: withdrawal.exceptionId,
        },
      });
    }
  }
  return done.size;
}
