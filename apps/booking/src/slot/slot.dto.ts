import { z } from 'zod';
import { reservedForSchema, type ReservedFor } from '@careloop/contracts';
import type { Slot, SlotStatus } from './slot.entity';

/** Most slots one request may publish: a clinic's quarter of 20-minute slots, not a year of them. */
export const MAX_SLOTS_PER_REQUEST = 500;
/** Largest capacity of one slot (a drop-in or group session). */
export const MAX_SLOT_CAPACITY = 100;
/** Longest one slot may last: a day-long drop-in, not a typo that blocks a week of a schedule. */
export const MAX_SLOT_HOURS = 24;

const instant = z.iso.datetime({ offset: true });

export const newSlotSchema = z
  .object({
    startsAt: instant,
    endsAt: instant,
    capacity: z.number().int().min(1).max(MAX_SLOT_CAPACITY).default(1),
  })
  .strict()
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), {
    message: 'must be after startsAt',
    path: ['endsAt'],
  })
  .refine((s) => Date.parse(s.endsAt) - Date.parse(s.startsAt) <= MAX_SLOT_HOURS * 3_600_000, {
    message: `must be at most ${MAX_SLOT_HOURS} hours after startsAt`,
    path: ['endsAt'],
  });

/** Longest a reservation may be held back before release: four weeks before the start. */
export const MAX_RELEASE_BEFORE_MINUTES = 28 * 24 * 60;

/**
 * Capacity kept for one organisation or for every CDAS; when `releaseBeforeMinutes` is given, a seat
 * still free that long before the start goes back to general booking (done by the timer job).
 */
export const slotReservationSchema = z
  .object({
    reservedFor: reservedForSchema,
    releaseBeforeMinutes: z.number().int().min(1).max(MAX_RELEASE_BEFORE_MINUTES).optional(),
  })
  .strict();
export type SlotReservationRequest = z.output<typeof slotReservationSchema>;

/**
 * Slots on one of the caller's schedules: provider name, service type, site and location are the
 * schedule's and its site's, so they are not sent.
 */
export const publishSlotsBody = z
  .object({
    scheduleId: z.uuid(),
    slots: z.array(newSlotSchema).min(1).max(MAX_SLOTS_PER_REQUEST),
    reservation: slotReservationSchema.optional(),
  })
  .strict();
export type PublishSlotsBody = z.output<typeof publishSlotsBody>;

/** Most slots one withdrawal takes off. */
export const MAX_SLOTS_PER_WITHDRAWAL = 500;

export const withdrawSlotsBody = z
  .object({
    slotIds: z
      .array(z.uuid())
      .min(1)
      .max(MAX_SLOTS_PER_WITHDRAWAL)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat a slot' }),
    /** Why, as the provider would say it; travels in slots.withdrawn.v1. */
    reason: z.string().trim().min(1).max(500),
  })
  .strict();
export type WithdrawSlotsBody = z.output<typeof withdrawSlotsBody>;

export interface WithdrawnSlotsView {
  /** Slots withdrawn now; slots already withdrawn are left as they are and not counted. */
  withdrawn: number;
}

export interface SlotView {
  id: string;
  scheduleId: string;
  siteId: string;
  /** The provider organisation. */
  orgId: string;
  serviceType: string;
  providerName: string;
  location: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  /** Seats still free: capacity minus seats held or booked. */
  free: number;
  status: SlotStatus;
  /** Null when open to everyone (never reserved, or released). */
  reservation: { reservedFor: ReservedFor; releaseAt: string | null } | null;
}

export interface PublishedSlotsView {
  published: number;
  slots: SlotView[];
}

export function toSlotView(slot: Slot): SlotView {
  return {
    id: slot.id,
    scheduleId: slot.scheduleId,
    siteId: slot.siteId,
    orgId: slot.orgId,
    serviceType: slot.serviceType,
    providerName: slot.providerName,
    location: slot.location,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    capacity: slot.capacity,
    free: slot.capacity - slot.taken,
    status: slot.status,
    reservation:
      slot.reservedFor && !slot.releasedAt
        ? { reservedFor: slot.reservedFor, releaseAt: slot.releaseAt?.toISOString() ?? null }
        : null,
  };
}
