import type { DataSource } from 'typeorm';

/** What the database holds for a set of slots once the run is over. */
export interface SlotCheck {
  slots: number;
  /** Held or booked appointments, all slots together. */
  activeAppointments: number;
  /** Appointments beyond a slot's capacity or sharing a seat with another: must be 0. */
  doubleBookings: number;
  /** Slots whose `taken` differs from their held and booked appointments: must be 0. */
  takenMismatches: number;
  /** Contested slots nobody got (every contender refused): must be 0. */
  slotsLeftFree: number;
}

/**
 * Counts, per slot, the appointments that hold a seat (held or booked) and their distinct seats, and
 * compares them with the slot's capacity and its `taken` counter.
 */
export async function checkSlots(dataSource: DataSource, slotIds: readonly string[]): Promise<SlotCheck> {
  const rows: { capacity: number; taken: number; active: string; seats: string }[] = await dataSource.query(
    `SELECT s.capacity, s.taken,
            count(a.id) AS active, count(DISTINCT a.seat) AS seats
       FROM booking.slot s
       LEFT JOIN booking.appointment a ON a.slot_id = s.id AND a.status IN ('held', 'booked')
      WHERE s.id = ANY($1::uuid[])
      GROUP BY s.id`,
    [slotIds],
  );
  if (rows.length !== slotIds.length)
    throw new Error(`expected ${slotIds.length} slots, found ${rows.length}`);
  let activeAppointments = 0;
  let doubleBookings = 0;
  let takenMismatches = 0;
  let slotsLeftFree = 0;
  for (const row of rows) {
    const active = Number(row.active);
    const seats = Number(row.seats);
    activeAppointments += active;
    // Two on one seat, or more seats in use than the slot has: each extra appointment counts once.
    doubleBookings += Math.max(0, active - row.capacity, active - seats);
    if (row.taken !== active) takenMismatches += 1;
    if (active === 0) slotsLeftFree += 1;
  }
  return { slots: rows.length, activeAppointments, doubleBookings, takenMismatches, slotsLeftFree };
}
