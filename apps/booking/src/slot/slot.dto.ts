import { z } from 'zod';
import type { Slot } from './slot.entity';

/** Most slots one request may publish: a clinic's quarter of 20-minute slots, not a year of them. */
export const MAX_SLOTS_PER_REQUEST = 500;
/** Largest capacity of one slot (a drop-in or group session). */
export const MAX_SLOT_CAPACITY = 100;
/** Longest date range a search covers. */
export const MAX_SEARCH_DAYS = 92;
export const DEFAULT_SEARCH_DAYS = 28;

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
  });

export const publishSlotsBody = z
  .object({
    serviceType: z.string().trim().min(1).max(100),
    providerName: z.string().trim().min(1).max(200),
    /** Site name or address as the client will read it. */
    location: z.string().trim().min(1).max(300),
    slots: z.array(newSlotSchema).min(1).max(MAX_SLOTS_PER_REQUEST),
  })
  .strict();
export type PublishSlotsBody = z.output<typeof publishSlotsBody>;

export const searchSlotsQuery = z
  .object({
    serviceType: z.string().trim().min(1).max(100).optional(),
    from: instant.optional(),
    to: instant.optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) > Date.parse(q.from), {
    message: 'must be after from',
    path: ['to'],
  });
export type SearchSlotsQuery = z.output<typeof searchSlotsQuery>;

export interface SlotView {
  id: string;
  serviceType: string;
  providerName: string;
  location: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  /** Seats still free: capacity minus booked (holds and reservations will count here too). */
  free: number;
}

export interface PublishedSlotsView {
  published: number;
  slots: SlotView[];
}

export function toSlotView(slot: Slot): SlotView {
  return {
    id: slot.id,
    serviceType: slot.serviceType,
    providerName: slot.providerName,
    location: slot.location,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    capacity: slot.capacity,
    free: slot.capacity - slot.booked,
  };
}
