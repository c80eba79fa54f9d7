import type { Slot } from '../slot/slot.entity';

/** A slot a reservation change refuses and why; the 409 names them all, so one fix covers them. */
export interface RefusedSlot {
  slotId: string;
  reason: string;
}

/**
 * Why a slot's reservation cannot change now: only open slots that have not started change hands. An
 * in-reach session's slots never do: they are for the host CDAS's clients, so releasing or reserving
 * them for others would offer the session to people it is not for.
 */
export function closedReason(slot: Slot, now: Date): 'inreach_session' | 'withdrawn' | 'started' | null {
  if (slot.inreachSessionId) return 'inreach_session';
  if (slot.status !== 'open') return 'withdrawn';
  if (slot.startsAt.getTime() <= now.getTime()) return 'started';
  return null;
}

/** The slots `reasonOf` gives a reason to refuse, in the order given. */
export function refusedSlots(slots: readonly Slot[], reasonOf: (slot: Slot) => string | null): RefusedSlot[] {
  return slots.flatMap((slot) => {
    const reason = reasonOf(slot);
    return reason ? [{ slotId: slot.id, reason }] : [];
  });
}
