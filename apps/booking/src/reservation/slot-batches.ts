import type { Actor } from '@careloop/contracts';
import type { Slot } from '../slot/slot.entity';

export interface SlotBatch {
  scheduleId: string;
  /** The provider organisation. */
  orgId: string;
  /** In the schedule's order (by start). */
  slotIds: string[];
}

/** Slot events are per schedule: one batch per schedule touched, its slots in start order. */
export function bySchedule(
  slots: readonly Pick<Slot, 'id' | 'orgId' | 'scheduleId' | 'startsAt'>[],
): SlotBatch[] {
  const batches = new Map<string, { orgId: string; slots: Pick<Slot, 'id' | 'startsAt'>[] }>();
  for (const slot of slots) {
    const batch = batches.get(slot.scheduleId) ?? { orgId: slot.orgId, slots: [] };
    batch.slots.push(slot);
    batches.set(slot.scheduleId, batch);
  }
  return [...batches].map(([scheduleId, batch]) => ({
    scheduleId,
    orgId: batch.orgId,
    slotIds: batch.slots
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : 1))
      .map((s) => s.id),
  }));
}

/** The envelope of a slot event about a batch: its schedule is the subject, its provider the organisation. */
export function batchEnvelope(
  batch: Pick<SlotBatch, 'scheduleId' | 'orgId'>,
  actor: Actor,
  occurredAt: Date,
): { subjectId: string; orgId: string; actor: Actor; occurredAt: Date } {
  return { subjectId: batch.scheduleId, orgId: batch.orgId, actor, occurredAt };
}
