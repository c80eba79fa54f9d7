import type { TaskStatus, TaskType } from './task-values';
import type { TaskListName } from './task.dto';

export interface TaskListFilters {
  view: TaskListName;
  status?: TaskStatus;
  type?: TaskType;
  clientId?: string;
}

/** Who is asking: their tasks are theirs by user id, their team's by site. */
export interface TaskViewer {
  orgId: string;
  userId: string;
  siteIds: readonly string[];
}

export interface SqlCondition {
  /** Conditions on alias `t` (the task table), joined with AND; parameters are `$1`, `$2`, ... */
  where: string;
  params: unknown[];
}

/** When the task is next due: its due time or, when later, the end of its snooze (GREATEST skips NULL). */
export const DUE_AGAIN_SQL = 'GREATEST(t.due_at, t.snoozed_until)';

/**
 * SQL for the states as staff see them, given `now` as a parameter: a snooze that has ended reads as
 * open (task-rules.ts says the same in TypeScript).
 */
export function stateSql(now: string) {
  const open = `(t.status = 'open' OR (t.status = 'snoozed' AND t.snoozed_until <= ${now}))`;
  return {
    open,
    snoozed: `(t.status = 'snoozed' AND t.snoozed_until > ${now})`,
    done: `t.status = 'done'`,
    overdue: `(${open} AND ${DUE_AGAIN_SQL} < ${now})`,
  };
}

function builder() {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  return { params, p };
}

function common(
  viewer: TaskViewer,
  filters: Pick<TaskListFilters, 'type' | 'clientId'>,
  p: (v: unknown) => string,
) {
  const clauses = [`t.org_id = ${p(viewer.orgId)}`];
  if (filters.type) clauses.push(`t.type = ${p(filters.type)}`);
  if (filters.clientId) clauses.push(`t.client_id = ${p(filters.clientId)}`);
  return clauses;
}

/**
 * The WHERE clause of one list (mine, team, overdue) over `referrals.task t`, always scoped to the
 * organisation, every value a parameter. Pure.
 */
export function taskListConditions(viewer: TaskViewer, filters: TaskListFilters, now: Date): SqlCondition {
  const { params, p } = builder();
  const clauses = common(viewer, filters, p);
  // Only the parameters a clause uses: Postgres cannot type a parameter the query never mentions.
  const mine = () => `t.assignee_user_id = ${p(viewer.userId)}`;
  const team = () => `t.team_site_id = ANY(${p([...viewer.siteIds])}::text[])`;
  const state = () => stateSql(`${p(now.toISOString())}::timestamptz`);
  if (filters.view === 'mine') clauses.push(mine());
  if (filters.view === 'team') clauses.push(team());
  if (filters.view === 'overdue') clauses.push(`(${mine()} OR ${team()})`, state().overdue);
  else if (filters.status === 'done') clauses.push(`t.status = 'done'`);
  else clauses.push(state()[filters.status ?? 'open']);
  return { where: clauses.join(' AND '), params };
}

/**
 * SELECT list and WHERE for the three counts in one pass: open tasks that are mine, my team's, and
 * overdue among both, over the same type and client filters.
 */
export function taskCountsQuery(
  viewer: TaskViewer,
  filters: Pick<TaskListFilters, 'type' | 'clientId'>,
  now: Date,
): { sql: string; params: unknown[] } {
  const { params, p } = builder();
  const clauses = common(viewer, filters, p);
  const at = `${p(now.toISOString())}::timestamptz`;
  const state = stateSql(at);
  const mine = `t.assignee_user_id = ${p(viewer.userId)}`;
  const team = `t.team_site_id = ANY(${p([...viewer.siteIds])}::text[])`;
  clauses.push(`t.status <> 'done'`, `(${mine} OR ${team})`);
  return {
    sql: `SELECT count(*) FILTER (WHERE ${mine} AND ${state.open})::int AS mine,
                 count(*) FILTER (WHERE ${team} AND ${state.open})::int AS team,
                 count(*) FILTER (WHERE ${state.overdue})::int AS overdue
            FROM "referrals"."task" t WHERE ${clauses.join(' AND ')}`,
    params,
  };
}

/** Most pressing first for open work; most recently finished first for done work. */
export function taskListOrder(filters: TaskListFilters): string {
  if (filters.view !== 'overdue' && filters.status === 'done') return 't.completed_at DESC, t.id DESC';
  return `${DUE_AGAIN_SQL} ASC, CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, t.created_at ASC, t.id ASC`;
}
