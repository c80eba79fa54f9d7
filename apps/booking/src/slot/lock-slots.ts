import { In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { ReservationError } from '../reservation/reservation.errors';
import { Slot } from './slot.entity';

/**
 * Locks the slots matching `where` (FOR UPDATE, until the transaction ends) in id order. Every change
 * that locks several slots goes through here, so two transactions needing the same slots (reschedules
 * crossing each other, a withdrawal racing a reservation) take them in the same order and queue
 * instead of deadlocking. Seat changes lock the slot before any appointment of it: booking, hold
 * expiry and the appointment changes all follow that order.
 */
export function lockSlots(manager: EntityManager, where: FindOptionsWhere<Slot>): Promise<Slot[]> {
  return manager.find(Slot, { where, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
}

/**
 * Locks the slots with these ids; an unknown id is simply absent from the map. The map answers each
 * id as the caller wrote it: Postgres reads a uuid in either case, the entity's id is lower case.
 */
export async function lockSlotsById(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, Slot>> {
  if (ids.length === 0) return new Map();
  const byId = new Map((await lockSlots(manager, { id: In([...new Set(ids)]) })).map((s) => [s.id, s]));
  const locked = new Map<string, Slot>();
  for (const id of ids) {
    const slot = byId.get(id.toLowerCase());
    if (slot) locked.set(id, slot);
  }
  return locked;
}

/**
 * Locks the caller's organisation's slots among `ids` (reserving, releasing, withdrawing them). An id
 * that is unknown or another organisation's is refused alike (ids cannot be probed), before anything
 * changes.
 */
export async function lockOwnSlots(
  manager: EntityManager,
  orgId: string,
  ids: readonly string[],
): Promise<Slot[]> {
  const slots = await lockSlots(manager, { id: In([...ids]), orgId });
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
