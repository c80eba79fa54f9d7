import type { Principal } from '@careloop/auth';
import { reservationAdmits } from '../reservation/reservation-rules';
import type { Slot } from '../slot/slot.entity';
import { AppointmentError } from './appointment.errors';

/**
 * Refuses a slot the caller cannot take a seat in at `now`: unknown, withdrawn by the provider,
 * already started, or reserved for another organisation. Whether a seat is free is decided under the
 * slot's lock afterwards ({@link takeSeat}).
 */
export function assertBookable(
  slot: Slot | null,
  slotId: string,
  principal: Pick<Principal, 'orgId' | 'orgKind'>,
  now: Date,
): asserts slot is Slot {
  if (!slot) throw new AppointmentError('SLOT_NOT_FOUND', { detail: `No slot ${slotId}` });
  const extensions = { slotId: slot.id };
  if (slot.status === 'withdrawn') throw new AppointmentError('SLOT_WITHDRAWN', { extensions });
  if (slot.startsAt.getTime() <= now.getTime()) {
    throw new AppointmentError('SLOT_ALREADY_STARTED', { extensions });
  }
  if (!reservationAdmits(slot, principal)) {
    throw new AppointmentError('SLOT_RESERVED', {
      detail: `Slot ${slot.id} is reserved for another organisation`,
      extensions,
    });
  }
}
