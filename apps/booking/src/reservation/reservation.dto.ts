import { z } from 'zod';
import type { ReservedFor } from '@careloop/contracts';
import { slotReservationSchema } from '../slot/slot.dto';

/** Most slots one reservation request may name (a clinic's quarter of 20-minute slots). */
export const MAX_SLOTS_PER_RESERVATION = 500;

const slotIds = z
  .array(z.uuid())
  .min(1)
  .max(MAX_SLOTS_PER_RESERVATION)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'must not list a slot twice' });

/** The same reservation as publishing slots or an availability rule takes, for existing slots. */
export const reserveSlotsBody = slotReservationSchema.extend({ slotIds });
export type ReserveSlotsBody = z.output<typeof reserveSlotsBody>;

export const releaseReservationsBody = z.object({ slotIds }).strict();
export type ReleaseReservationsBody = z.output<typeof releaseReservationsBody>;

const instant = z.iso.datetime({ offset: true });

/** Longest window one usage report covers. */
export const MAX_USAGE_DAYS = 366;
/** Without from/to: the last 90 days and the next 90. */
export const DEFAULT_USAGE_DAYS_EACH_WAY = 90;

export const reservationUsageQuery = z
  .object({ from: instant.optional(), to: instant.optional() })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.to) > Date.parse(q.from), {
    message: 'must be after from',
    path: ['to'],
  });
export type ReservationUsageQuery = z.output<typeof reservationUsageQuery>;

export interface ReservedSlotsView {
  /** How many slots are now reserved as asked. */
  reserved: number;
}

export interface ReleasedSlotsView {
  /** How many reservations ended: the slots are open to every organisation from now on. */
  released: number;
}

/**
 * What became of a clinic's reserved slots that start in the window, one count per slot (a group
 * slot counts once). `used`, `withdrawn`, `releasedUnused`, `unusedPast` and `openUpcoming` never
 * overlap and add up to `reserved`; `bookedAfterRelease` is the part of `releasedUnused` that general
 * booking took up after the release.
 */
export interface ReservationUsageCounts {
  /** Slots that were reserved (whatever happened since). */
  reserved: number;
  /** At least one seat booked while reserved, by the organisation it was reserved for (booked or attended). */
  used: number;
  /** Released (by the clinic or at the release time) with no seat booked while reserved. */
  releasedUnused: number;
  /** Of `releasedUnused`: booked by anyone after the release. */
  bookedAfterRelease: number;
  /** The start has passed while still reserved and nothing was booked: capacity lost. */
  unusedPast: number;
  /** Still reserved, not yet started and nothing booked: can still be used. */
  openUpcoming: number;
  /** Taken off the schedule (an exception or the clinic) with nothing booked while reserved. */
  withdrawn: number;
  /** Booked appointments made while reserved, seats rather than slots (group sessions count each seat). */
  appointmentsUnderReservation: number;
}

export interface ReservationUsageView {
  /** The clinic's organisation. */
  orgId: string;
  /** Slots starting from `from` (inclusive) to `to` (exclusive). */
  from: string;
  to: string;
  totals: ReservationUsageCounts;
  /** The same counts per organisation (or all CDAS) the slots were reserved for, most reserved first. */
  byReservedFor: (ReservationUsageCounts & { reservedFor: ReservedFor })[];
}
