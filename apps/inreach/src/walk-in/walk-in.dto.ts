import { z } from 'zod';
import type { WalkIn } from './walk-in.entity';

/** A client of the host CDAS seen at the session without a booking; `seenAt` defaults to now. */
export const recordWalkInBody = z
  .object({
    clientId: z.uuid(),
    seenAt: z.iso.datetime({ offset: true }).optional(),
    /** For the clinic ("came in for dispensing, seen between appointments"). */
    note: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
export type RecordWalkInBody = z.output<typeof recordWalkInBody>;

export interface WalkInView {
  id: string;
  sessionId: string;
  clientId: string;
  seenAt: string;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
  /** The session's walk-ins with this one, and how many it allows. */
  walkInsRecorded: number;
  walkInAllowance: number;
}

export function toWalkInView(
  w: WalkIn,
  counts: Pick<WalkInView, 'walkInsRecorded' | 'walkInAllowance'>,
): WalkInView {
  return {
    id: w.id,
    sessionId: w.sessionId,
    clientId: w.clientId,
    seenAt: w.seenAt.toISOString(),
    note: w.note,
    recordedBy: w.recordedBy,
    recordedAt: w.recordedAt.toISOString(),
    ...counts,
  };
}
