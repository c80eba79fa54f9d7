import { AppointmentError } from './appointment.errors';

/**
 * Postgres codes of the constraints that refuse a double booking: the capacity CHECK, the seat index,
 * and the CHECK of a seat against its slot's capacity.
 */
const CHECK_VIOLATION = '23514';
const UNIQUE_VIOLATION = '23505';
const SEAT_CONSTRAINTS = [
  'slot_taken_within_capacity',
  'appointment_one_per_seat',
  'appointment_seat_within_capacity',
];

/** True when the database refused a booking because the slot is full (the last line of defence). */
export function isSeatConflict(error: unknown): boolean {
  const e = error as {
    code?: unknown;
    constraint?: unknown;
    driverError?: { code?: unknown; constraint?: unknown };
  };
  const code = e?.driverError?.code ?? e?.code;
  const constraint = e?.driverError?.constraint ?? e?.constraint;
  return (
    (code === CHECK_VIOLATION || code === UNIQUE_VIOLATION) &&
    typeof constraint === 'string' &&
    SEAT_CONSTRAINTS.includes(constraint)
  );
}

/** Runs a seat-taking transaction, answering the database's refusal as SLOT_ALREADY_BOOKED. */
export async function refusingSeatConflicts<T>(slotId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isSeatConflict(error)) {
      throw new AppointmentError('SLOT_ALREADY_BOOKED', {
        detail: `Slot ${slotId} is fully booked`,
        extensions: { slotId },
        cause: error,
      });
    }
    throw error;
  }
}
