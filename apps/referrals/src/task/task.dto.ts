import { z } from 'zod';
import { namedParam } from '../need/named-param';
import {
  contactMethodSchema,
  contactOutcomeSchema,
  OUTCOMES_NEEDING_NOTE,
  TASK_STATUSES,
  TASK_TYPES,
  taskOutcomeSchema,
  type ContactMethod,
  type ContactOutcome,
  type TaskOutcome,
  type TaskPriority,
  type TaskStatus,
  type TaskType,
} from './task-values';

const text = (max: number) => z.string().trim().min(1).max(max);

function isObject(payload: { value: unknown }): boolean {
  return typeof payload.value === 'object' && payload.value !== null;
}

export const TASK_VIEWS = ['mine', 'team', 'overdue'] as const;
export type TaskListName = (typeof TASK_VIEWS)[number];

/**
 * `view`: mine (assigned to me), team (my sites' tasks, whoever holds them), overdue (mine or my
 * team's, open and past due). `status` (mine and team only): open (the default; includes snoozes that
 * have ended), snoozed or done.
 */
export const listTasksQuery = z
  .object({
    view: z.enum(TASK_VIEWS).default('mine'),
    type: z.enum(TASK_TYPES).optional(),
    status: z.enum(TASK_STATUSES).optional(),
    clientId: z.uuid('must be a client id (uuid)').optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(10_000).default(0),
  })
  .strict()
  .refine((q) => q.view !== 'overdue' || q.status === undefined || q.status === 'open', {
    path: ['status'],
    message: 'overdue lists open tasks only',
    when: isObject,
  });
export type ListTasksQuery = z.output<typeof listTasksQuery>;

export const taskIdParam = namedParam('id', z.uuid('must be a task id (uuid)'));

/** A member of staff of the organisation (their user id), or null to give the task back to the team. */
export const reassignTaskBody = z.object({ assigneeUserId: text(200).nullable() }).strict();
export type ReassignTaskBody = z.output<typeof reassignTaskBody>;

/** `until` after now and at most 30 days ahead (checked by the use case, which knows the time). */
export const snoozeTaskBody = z
  .object({ until: z.iso.datetime({ offset: true }), reason: text(500) })
  .strict();
export type SnoozeTaskBody = z.output<typeof snoozeTaskBody>;

export const completeTaskBody = z
  .object({ outcome: taskOutcomeSchema, note: text(1000).optional() })
  .strict()
  // Checked even when other fields are wrong (`when`), so one 400 lists every problem.
  .refine((b) => !OUTCOMES_NEEDING_NOTE.includes(b.outcome) || b.note !== undefined, {
    path: ['note'],
    message: 'is required when the outcome is other or safeguarding_concern: say what happened',
    when: isObject,
  });
export type CompleteTaskBody = z.output<typeof completeTaskBody>;

/** `madeAt` defaults to now; not in the future, at most 30 days back (checked by the use case). */
export const recordContactAttemptBody = z
  .object({
    method: contactMethodSchema,
    outcome: contactOutcomeSchema,
    note: text(1000).optional(),
    madeAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type RecordContactAttemptBody = z.output<typeof recordContactAttemptBody>;

export interface ContactAttemptView {
  id: string;
  taskId: string;
  clientId: string;
  method: ContactMethod;
  outcome: ContactOutcome;
  note: string | null;
  madeAt: string;
  recordedBy: string;
  recordedAt: string;
}

/** The appointment a task is about, as this service last heard of it from booking. */
export interface TaskAppointmentView {
  providerName: string;
  serviceType: string;
  location: string;
  startsAt: string;
  status: string;
}

export interface TaskView {
  id: string;
  type: TaskType;
  clientId: string;
  /** The name staff know the client by. */
  clientName: string;
  referralId: string | null;
  appointmentId: string | null;
  summary: string;
  /** What the opener attached, e.g. `rebookSearch` (booking's slot search) or the reply's text. */
  detail: Record<string, unknown>;
  priority: TaskPriority;
  dueAt: string;
  /** Past its due time (or its snooze's end, when later) and still open. */
  overdue: boolean;
  /** A snoozed task whose time has passed reads as open. */
  status: TaskStatus;
  snoozedUntil: string | null;
  snoozeReason: string | null;
  teamSiteId: string;
  /** null: the team's. */
  assigneeUserId: string | null;
  outcome: TaskOutcome | null;
  outcomeNote: string | null;
  completedBy: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** Present when one task is read. */
  appointment?: TaskAppointmentView | null;
  /** Oldest first; present when one task is read. */
  contactAttempts?: ContactAttemptView[];
}

export interface TaskListView {
  items: TaskView[];
  total: number;
  limit: number;
  offset: number;
  /** Open tasks in each list, over the same type and client filters. */
  counts: { mine: number; team: number; overdue: number };
}

export interface RecordedContactAttemptView extends ContactAttemptView {
  /** The task's version after the attempt. */
  taskVersion: number;
}
