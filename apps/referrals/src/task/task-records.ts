import type { EntityManager } from 'typeorm';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { TaskContactAttempt } from './task-contact-attempt.entity';
import { Task } from './task.entity';
import type { TaskAppointmentView } from './task.dto';

const S = `"${REFERRALS_SCHEMA}"`;

/** Reads and writes of tasks: nothing here decides anything. */

/** The task with a row lock, so concurrent changes to it run one after the other. */
export function lockTask(manager: EntityManager, id: string): Promise<Task | null> {
  return manager.findOne(Task, { where: { id }, lock: { mode: 'pessimistic_write' } });
}

export function findTask(manager: EntityManager, id: string): Promise<Task | null> {
  return manager.findOneBy(Task, { id });
}

/** Tasks by id, in the order given (ids not found are left out). */
export async function findTasks(manager: EntityManager, ids: readonly string[]): Promise<Task[]> {
  if (ids.length === 0) return [];
  const rows = await manager.getRepository(Task).findBy(ids.map((id) => ({ id })));
  const byId = new Map(rows.map((t) => [t.id, t]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The names staff know the clients by ("Sam Carter", the preferred name first when there is one). */
export async function clientNames(
  manager: EntityManager,
  orgId: string,
  clientIds: readonly string[],
): Promise<Map<string, string>> {
  if (clientIds.length === 0) return new Map();
  const rows: { id: string; name: string }[] = await manager.query(
    `SELECT "id"::text AS id, COALESCE("preferred_name", "given_name") || ' ' || "family_name" AS name
       FROM ${S}."client" WHERE "org_id" = $1 AND "id" = ANY($2::uuid[])`,
    [orgId, [...new Set(clientIds)]],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The appointment as booking last reported it, when the projection holds it. */
export async function taskAppointment(
  manager: EntityManager,
  task: Task,
): Promise<TaskAppointmentView | null> {
  if (!task.appointmentId) return null;
  const [row] = (await manager.query(
    `SELECT "provider_name", "service_type", "location", "starts_at", "status"
       FROM ${S}."client_appointment" WHERE "appointment_id" = $1 AND "org_id" = $2 AND "client_id" = $3`,
    [task.appointmentId, task.orgId, task.clientId],
  )) as { provider_name: string; service_type: string; location: string; starts_at: Date; status: string }[];
  if (!row) return null;
  return {
    providerName: row.provider_name,
    serviceType: row.service_type,
    location: row.location,
    startsAt: new Date(row.starts_at).toISOString(),
    status: row.status,
  };
}

/** A task's contact attempts, in the order they were made. */
export function contactAttemptsOf(manager: EntityManager, taskId: string): Promise<TaskContactAttempt[]> {
  return manager
    .createQueryBuilder(TaskContactAttempt, 'a')
    .where('a.taskId = :taskId', { taskId })
    .orderBy('a.madeAt', 'ASC')
    .addOrderBy('a.recordedAt', 'ASC')
    .addOrderBy('a.id', 'ASC')
    .getMany();
}

/** What staff may change on a task; the rest is fixed when it is opened. */
export type TaskChange = Partial<
  Pick<
    Task,
    | 'assigneeUserId'
    | 'status'
    | 'snoozedUntil'
    | 'snoozeReason'
    | 'outcome'
    | 'outcomeNote'
    | 'completedBy'
    | 'completedAt'
  >
>;

/** Writes a change to a task the caller has locked: version + 1, or null if someone got there first. */
export async function saveTaskChange(
  manager: EntityManager,
  task: Task,
  change: TaskChange,
  now: Date,
): Promise<Task | null> {
  const updated = await manager.update(
    Task,
    { id: task.id, version: task.version },
    { ...change, updatedAt: now, version: task.version + 1 },
  );
  if (updated.affected !== 1) return null;
  return { ...task, ...change, updatedAt: now, version: task.version + 1 };
}
