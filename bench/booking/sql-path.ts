import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { BENCH_CDAS } from './booking-world';
import type { BookingAttempt } from './contest';

/**
 * The least a correct booking needs, with pg directly: lock the slot row, check a seat is free, count
 * it taken and insert the appointment, in one transaction. No token, validation, idempotency record,
 * audit entry or outbox event: the floor the HTTP path is compared with.
 */
export function sqlBooking(pool: Pool, clientIds: readonly string[]): BookingAttempt {
  return async (slotId, clientIndex) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ taken: number; capacity: number }>(
        'SELECT taken, capacity FROM booking.slot WHERE id = $1 FOR UPDATE',
        [slotId],
      );
      const slot = rows[0];
      if (!slot || slot.taken >= slot.capacity) {
        await client.query('ROLLBACK');
        return 'full';
      }
      await client.query('UPDATE booking.slot SET taken = taken + 1 WHERE id = $1', [slotId]);
      await client.query(
        `INSERT INTO booking.appointment (id, org_id, slot_id, seat, client_id, status, booked_by, booked_at)
         VALUES ($1, $2, $3, $4, $5, 'booked', 'bench-sql', now())`,
        [randomUUID(), BENCH_CDAS, slotId, slot.taken + 1, clientIds[clientIndex]],
      );
      await client.query('COMMIT');
      return 'booked';
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
}
