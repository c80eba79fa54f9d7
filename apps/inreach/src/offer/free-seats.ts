/** A session's capacity and what is taken of it, as the offer job counts it. */
export interface SessionSeats {
  startsAt: Date;
  endsAt: Date;
  slotMinutes: number;
  seatsPerSlot: number;
  /** Appointments booked or held in it (booking's events). */
  taken: number;
  /** Offers booking has not answered yet: each may take a seat. */
  requested: number;
}

/** Seats of the session: whole slots (a shorter last part is not bookable) times seats per slot. */
export function seatsOf(
  session: Pick<SessionSeats, 'startsAt' | 'endsAt' | 'slotMinutes' | 'seatsPerSlot'>,
): number {
  const minutes = (session.endsAt.getTime() - session.startsAt.getTime()) / 60_000;
  return Math.max(0, Math.floor(minutes / session.slotMinutes)) * session.seatsPerSlot;
}

/** Seats nobody has, is holding or is being offered; never below zero (booking may know of more). */
export function freeSeats(session: SessionSeats): number {
  return Math.max(0, seatsOf(session) - session.taken - session.requested);
}
