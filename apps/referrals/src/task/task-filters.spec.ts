import { taskCountsQuery, taskListConditions, taskListOrder } from './task-filters';

const now = new Date('2026-11-02T12:00:00.000Z');
const viewer = { orgId: 'org-1', userId: 'u-1', siteIds: ['site-a', 'site-b'] };

describe('worklist conditions', () => {
  it('lists my open tasks by default: assigned to me, open or woken from a snooze', () => {
    const { where, params } = taskListConditions(viewer, { view: 'mine' }, now);
    expect(where).toBe(
      "t.org_id = $1 AND t.assignee_user_id = $2 AND (t.status = 'open' OR (t.status = 'snoozed' AND t.snoozed_until <= $3::timestamptz))",
    );
    expect(params).toEqual(['org-1', 'u-1', '2026-11-02T12:00:00.000Z']);
  });

  it("lists my sites' tasks as the team's, with the type and client filters as parameters", () => {
    const { where, params } = taskListConditions(
      viewer,
      { view: 'team', status: 'snoozed', type: 'mdt_review', clientId: "c'1" },
      now,
    );
    expect(where).toBe(
      "t.org_id = $1 AND t.type = $2 AND t.client_id = $3 AND t.team_site_id = ANY($4::text[]) AND (t.status = 'snoozed' AND t.snoozed_until > $5::timestamptz)",
    );
    expect(params).toEqual(['org-1', 'mdt_review', "c'1", ['site-a', 'site-b'], '2026-11-02T12:00:00.000Z']);
  });

  it('lists overdue tasks that are mine or my team’s, due (or woken) before now', () => {
    const { where } = taskListConditions(viewer, { view: 'overdue' }, now);
    expect(where).toContain('(t.assignee_user_id = $2 OR t.team_site_id = ANY($3::text[]))');
    expect(where).toContain('GREATEST(t.due_at, t.snoozed_until) < $4::timestamptz');
  });

  it('lists done tasks without asking the time, so every parameter is used', () => {
    const { where, params } = taskListConditions(viewer, { view: 'mine', status: 'done' }, now);
    expect(where).toBe("t.org_id = $1 AND t.assignee_user_id = $2 AND t.status = 'done'");
    expect(params).toEqual(['org-1', 'u-1']);
  });

  it('counts all three lists in one query over the same filters', () => {
    const { sql, params } = taskCountsQuery(viewer, { type: 'sms_reply' }, now);
    expect(sql).toMatch(/count\(\*\) FILTER \(WHERE t\.assignee_user_id = \$4 AND/);
    expect(sql).toContain("t.status <> 'done'");
    expect(params).toEqual(['org-1', 'sms_reply', '2026-11-02T12:00:00.000Z', 'u-1', ['site-a', 'site-b']]);
  });

  it('puts the most pressing open work first, and the latest finished work first', () => {
    expect(taskListOrder({ view: 'mine' })).toMatch(
      /^GREATEST\(t\.due_at, t\.snoozed_until\) ASC, CASE t\.priority/,
    );
    expect(taskListOrder({ view: 'team', status: 'done' })).toBe('t.completed_at DESC, t.id DESC');
  });
});
