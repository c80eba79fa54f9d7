import { z } from 'zod';
import { namedParam } from '../need/named-param';
import { CHECK_TYPES, type CheckPolicy, type CheckType } from './check-type';
import type { RecallCheck } from './recall-check.entity';
import type { LondonDate, RecallStatus } from './recall-due';

export const checkTypeSchema = z.enum(CHECK_TYPES);
export const checkTypeParam = namedParam('checkType', checkTypeSchema);

const londonDate = z.iso.date();

export const recordCheckBody = z
  .object({
    checkType: checkTypeSchema,
    /** The London date the check was done; today or earlier. */
    doneOn: londonDate,
    /** Who did it, when not the person recording it. */
    doneBy: z.string().trim().min(1).max(200).optional(),
    /** A few words ("done", "declined bloods"); never clinical detail. */
    resultSummary: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
export type RecordCheckBody = z.infer<typeof recordCheckBody>;

export const setPolicyBody = z
  .object({ applies: z.boolean(), intervalMonths: z.number().int().min(1).max(60) })
  .strict();
export type SetPolicyBody = z.infer<typeof setPolicyBody>;

export const dueListQuery = z
  .object({
    withinDays: z.coerce.number().int().min(0).max(365).default(30),
    status: z.enum(['overdue', 'due_soon']).optional(),
    checkType: checkTypeSchema.optional(),
    keyworkerId: z.string().trim().min(1).max(200).optional(),
    siteId: z.string().trim().min(1).max(200).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type DueListQuery = z.infer<typeof dueListQuery>;

export type CheckPolicyView = CheckPolicy & { isDefault: boolean };

export interface RecallCheckView {
  id: string;
  clientId: string;
  checkType: CheckType;
  doneOn: LondonDate;
  doneBy: string;
  resultSummary: string | null;
  recordedBy: string;
  recordedAt: string;
}

export function toCheckView(c: RecallCheck): RecallCheckView {
  return {
    id: c.id,
    clientId: c.clientId,
    checkType: c.checkType,
    doneOn: c.doneOn,
    doneBy: c.doneBy,
    resultSummary: c.resultSummary,
    recordedBy: c.recordedBy,
    recordedAt: c.recordedAt.toISOString(),
  };
}

/** One client's standing for one check. */
export interface RecallItemView {
  clientId: string;
  checkType: CheckType;
  lastDoneOn: LondonDate | null;
  dueOn: LondonDate | null;
  daysUntilDue: number | null;
  status: RecallStatus;
}

export interface ClientRecallView {
  clientId: string;
  today: LondonDate;
  /** Every check the organisation's policy applies, due or not. */
  checks: RecallItemView[];
  /** Every check recorded, most recent first. */
  history: RecallCheckView[];
}

export interface DueListView {
  today: LondonDate;
  withinDays: number;
  page: number;
  pageSize: number;
  total: number;
  items: RecallItemView[];
}
