import type { TaskContactAttempt } from './task-contact-attempt.entity';
import type { Task } from './task.entity';
import { effectiveStatus, isOverdue } from './task-rules';
import type { ContactAttemptView, TaskAppointmentView, TaskView } from './task.dto';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A task as staff see it at `now` (a snooze that has ended reads as open). */
export function toTaskView(task: Task, clientName: string, now: Date): TaskView {
  return {
    id: task.id,
    type: task.type,
    clientId: task.clientId,
    clientName,
    referralId: task.referralId,
    appointmentId: task.appointmentId,
    summary: task.summary,
    detail: task.detail,
    priority: task.priority,
    dueAt: task.dueAt.toISOString(),
    overdue: isOverdue(task, now),
    status: effectiveStatus(task, now),
    snoozedUntil: iso(task.snoozedUntil),
    snoozeReason: task.snoozeReason,
    teamSiteId: task.teamSiteId,
    assigneeUserId: task.assigneeUserId,
    outcome: task.outcome,
    outcomeNote: task.outcomeNote,
    completedBy: task.completedBy,
    completedAt: iso(task.completedAt),
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
    version: task.version,
  };
}

export function toContactAttemptView(a: TaskContactAttempt): ContactAttemptView {
  return {
    id: a.id,
    taskId: a.taskId,
    clientId: a.clientId,
    method: a.method,
    outcome: a.outcome,
    note: a.note,
    madeAt: a.madeAt.toISOString(),
    recordedBy: a.recordedBy,
    recordedAt: a.recordedAt.toISOString(),
  };
}

/** One task read in full: where its appointment stands and every attempt to reach the client. */
export function toFullTaskView(
  task: Task,
  clientName: string,
  appointment: TaskAppointmentView | null,
  attempts: readonly TaskContactAttempt[],
  now: Date,
): TaskView {
  return {
    ...toTaskView(task, clientName, now),
    appointment,
    contactAttempts: attempts.map(toContactAttemptView),
  };
}
