import { z } from 'zod';

/** Who may book a reserved slot: one named organisation, or any drug and alcohol service. */
export const reservedForSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('organisation'), orgId: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('all_cdas') }),
]);
export type ReservedFor = z.infer<typeof reservedForSchema>;

/** Slot events are about a provider's schedule: many slots at once, in the schedule's order. */
export const slotBatchSchema = z.object({
  scheduleId: z.uuid(),
  slotIds: z.array(z.uuid()).min(1).max(2000),
});
