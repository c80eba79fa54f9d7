import { z } from 'zod';
import { needCategorySchema, needStatusSchema, type NeedStatus } from '@careloop/contracts';
import type { NeedStatusChange } from './need-status-change.entity';
import type { Need } from './need.entity';
import { namedParam } from './named-param';
import { snomedCodeProblem } from './snomed-code';

const snomedCode = z
  .string()
  .trim()
  .superRefine((code, ctx) => {
    const problem = snomedCodeProblem(code);
    if (problem === 'FORMAT')
      ctx.addIssue({ code: 'custom', message: 'must be a SNOMED CT id: 6 to 18 digits' });
    if (problem === 'CHECK_DIGIT')
      ctx.addIssue({ code: 'custom', message: 'is not a SNOMED CT id: its check digit is wrong' });
  });

export const recordNeedBody = z
  .object({
    category: needCategorySchema,
    snomedCode: snomedCode.optional(),
    notes: z.string().trim().min(1).max(4000).optional(),
    /** When the need was identified; defaults to now, may be earlier, never later. */
    identifiedAt: z.iso.datetime({ offset: true }).optional(),
    /** Who identified it, when not the person recording it (e.g. the in-reach nurse). */
    identifiedBy: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type RecordNeedBody = z.infer<typeof recordNeedBody>;

export const changeNeedStatusBody = z
  .object({ status: needStatusSchema, reason: z.string().trim().min(1).max(2000) })
  .strict();
export type ChangeNeedStatusBody = z.infer<typeof changeNeedStatusBody>;

export const listNeedsQuery = z.object({ status: needStatusSchema.optional() }).strict();
export type ListNeedsQuery = z.infer<typeof listNeedsQuery>;

export const clientIdParam = namedParam('clientId', z.uuid());
export const needIdParam = namedParam('needId', z.uuid());

export interface NeedStatusChangeView {
  fromStatus: NeedStatus | null;
  toStatus: NeedStatus;
  reason: string;
  changedBy: string;
  changedAt: string;
}

export interface NeedView {
  id: string;
  clientId: string;
  category: string;
  snomedCode: string | null;
  notes: string | null;
  status: NeedStatus;
  identifiedAt: string;
  identifiedBy: string;
  recordedBy: string;
  recordedAt: string;
  updatedAt: string;
  /** Oldest first; present when one need is read, absent from lists. */
  history?: NeedStatusChangeView[];
}

export function toNeedView(n: Need, history?: NeedStatusChange[]): NeedView {
  return {
    id: n.id,
    clientId: n.clientId,
    category: n.category,
    snomedCode: n.snomedCode,
    notes: n.notes,
    status: n.status,
    identifiedAt: n.identifiedAt.toISOString(),
    identifiedBy: n.identifiedBy,
    recordedBy: n.recordedBy,
    recordedAt: n.recordedAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
    ...(history ? { history: history.map(toStatusChangeView) } : {}),
  };
}

function toStatusChangeView(c: NeedStatusChange): NeedStatusChangeView {
  return {
    fromStatus: c.fromStatus,
    toStatus: c.toStatus,
    reason: c.reason,
    changedBy: c.changedBy,
    changedAt: c.changedAt.toISOString(),
  };
}
