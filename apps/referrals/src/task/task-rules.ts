import type { Task } from './task.entity';
import type { TaskType } from './task-values';

/** How far ahead a task may be snoozed: put off, not forgotten. */
export const MAX_SNOOZE_MS = 30 * 24 * 60 * 60_000;

/** The prefix every cause of a type starts with (the rest names the event's subject). */
export const CAUSE_PREFIX: Record<TaskType, string> = {
  dna_follow_up: 'dna:',
  mdt_review: 'mdt_review:',
  outcome_unknown: 'outcome_unknown:',
  sms_reply: 'reply:',
  sms_delivery_failed: 'delivery_failed:',
  sms_opted_out: 'opted_out:',
  rebook_needed: 'rebook_needed:',
  inreach_offer: 'offer:',
};

/** What each type needs besides the client, so a task always leads somewhere. */
const NEEDS_APPOINTMENT: readonly TaskType[] = [
  'dna_follow_up',
  'outcome_unknown',
  'rebook_needed',
  'inreach_offer',
];
const NEEDS_REFERRAL: readonly TaskType[] = ['mdt_review'];

export const SUMMARY_MAX = 200;
export const CAUSE_MAX = 300;
/** Bounds what an opener may attach (a rebook search, a reply's text), not a place for documents. */
export const DETAIL_MAX_BYTES = 8_000;

type TaskState = Pick<Task, 'status' | 'dueAt' | 'snoozedUntil'>;

/** A snoozed task whose time has passed is open again. */
export function effectiveStatus(task: TaskState, now: Date): Task['status'] {
  if (task.status === 'snoozed' && task.snoozedUntil && task.snoozedUntil.getTime() <= now.getTime()) {
    return 'open';
  }
  return task.status;
}

/**
 * When the task is due: its due time, or the end of its snooze when that is later (a task snoozed
 * past its due time is overdue only from when it wakes).
 */
export function dueAgainAt(task: TaskState): Date {
  const until = task.snoozedUntil;
  return until && until.getTime() > task.dueAt.getTime() ? until : task.dueAt;
}

/** Open (or woken) and past the time it was due. */
export function isOverdue(task: TaskState, now: Date): boolean {
  return effectiveStatus(task, now) === 'open' && dueAgainAt(task).getTime() < now.getTime();
}

export type SnoozeProblem = 'NOT_IN_FUTURE' | 'TOO_FAR_AHEAD';

/** A snooze ends after now and at most 30 days from now. */
export function snoozeProblem(until: Date, now: Date): SnoozeProblem | null {
  const ahead = until.getTime() - now.getTime();
  if (ahead <= 0) return 'NOT_IN_FUTURE';
  if (ahead > MAX_SNOOZE_MS) return 'TOO_FAR_AHEAD';
  return null;
}

export interface NewTaskShape {
  cause: string;
  type: TaskType;
  summary: string;
  referralId: string | null;
  appointmentId: string | null;
  dueAt: Date;
  detail?: Record<string, unknown>;
  causedBy: string;
}

/** What is wrong with a task an event wants to open (empty when nothing): the rules the table also checks. */
export function newTaskProblems(task: NewTaskShape): string[] {
  const problems: string[] = [];
  const prefix = CAUSE_PREFIX[task.type];
  if (!prefix) return [`unknown task type ${String(task.type)}`];
  if (!task.cause.startsWith(prefix) || task.cause.length === prefix.length) {
    problems.push(`cause must be ${prefix}<subject> for ${task.type}`);
  }
  if (task.cause.length > CAUSE_MAX) problems.push(`cause must be at most ${CAUSE_MAX} characters`);
  const summary = task.summary.trim();
  if (summary.length === 0 || summary.length > SUMMARY_MAX || /[\r\n]/.test(summary)) {
    problems.push(`summary must be one line of 1 to ${SUMMARY_MAX} characters`);
  }
  if (Number.isNaN(task.dueAt.getTime())) problems.push('dueAt must be a valid instant');
  if (NEEDS_APPOINTMENT.includes(task.type) && !task.appointmentId) {
    problems.push(`${task.type} needs the appointment`);
  }
  if (NEEDS_REFERRAL.includes(task.type) && !task.referralId)
    problems.push(`${task.type} needs the referral`);
  if (task.causedBy.trim().length === 0) problems.push('causedBy must name the event');
  const detail = task.detail ?? {};
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    problems.push('detail must be an object');
  } else if (Buffer.byteLength(JSON.stringify(detail)) > DETAIL_MAX_BYTES) {
    problems.push(`detail must be at most ${DETAIL_MAX_BYTES} bytes of JSON`);
  }
  return problems;
}
