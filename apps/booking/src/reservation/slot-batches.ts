import type { EntityManager } from 'typeorm';
import { Slot } from '../slot/slot.entity';
import { ReservationError } from './reservation.errors';

/**
 * Locks the caller's organisation's slots among `ids`, in id order so two requests over overlapping
 * slots queue instead of deadlocking. An id that is unknown or another organisation's is refused
 * alike (ids cannot be probed), before anything changes.
 */
export async function lockOwnSlots(
  manager: EntityManager,
  orgId: string,
  ids: readonly string[],
): Promise<Slot[]> {
  const slots = await manager
    .createQueryBuilder(Slot, 's')
    .where('s.id IN (:...ids)', { ids })
    .andWhere('s.orgId = :orgId', { orgId })
    .orderBy('s.id', 'ASC')
    .setLock('pessimistic_write')
    .getMany();
  if (slots.length !== ids.length) {
    const found = new Set(slots.map((s) => s.id));
    const missing = ids.filter((id) => !found.has(id));
    throw new ReservationError('SLOTS_NOT_FOUND', {
      detail: `${missing.length} of the ${ids.length} slots are not this organisation's`,
      extensions: { slotIds: missing },
    });
  }
  return slots;
}

export interface SlotBatch {
  scheduleId: string;
  /** The provider organisation. */
  orgId: string;
  /** In the schedule's order (by start). */
  slotIds: string[];
}

/** Slot events are per schedule: one batch per schedule touched, its slots in start order. */
export function bySchedule(
  slots: readonly Pick<Slot, 'id' | 'orgId' | 'scheduleId' | 'startsAt'>[],
): SlotBatch[] {
  const batches = new Map<string, { orgId: string; slots: Pick<Slot, 'id' | 'startsAt'>[] }>();
  for (const slot of slots) {
    const batch = batches.get(slot.scheduleId) ?? { orgId: slot.orgId, slots: [] };
    batch.slots.push(slot);
    batches.set(slot.scheduleId, batch);
  }
  return [...batches].map(([scheduleId, batch]) => ({
    scheduleId,
    orgId: batch.orgId,
    slotIds: batch.slots
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : 1))
      .map((s) => s.id),
  }));
}
