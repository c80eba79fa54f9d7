import { randomUUID } from 'node:crypto';
import { ManualClock } from '@careloop/time';
import type { TaskListView, TaskView } from '../../src/task/task.dto';
import {
  aDnaTask,
  aWorker,
  insertMissedAppointment,
  insertTaskClient,
  insertTaskReferral,
  openTask,
  useReferralsOverHttp,
} from './task-fixture';

/**
 * The worklists over HTTP, as a keyworker and a nurse of two teams of one organisation see them:
 * mine, my team's and overdue, each with the counts of all three; snoozing moves a task out of the
 * way until it wakes, overdue from then; reassigning moves it between lists.
 */
describe('task worklists over HTTP on real Postgres', () => {
  const clock = new ManualClock('2026-11-02T12:00:00Z');
  const api = useReferralsOverHttp('task_worklists', clock);
  const orgId = `org-${randomUUID()}`;
  const alex = aWorker(orgId, { userId: 'kw-alex', siteIds: ['site-hub'] });
  const priya = aWorker(orgId, { userId: 'kw-priya', roles: ['nurse'], siteIds: ['site-northgate'] });
  const ruth = aWorker(orgId, {
    userId: 'ruth',
    roles: ['service_manager'],
    siteIds: ['site-hub', 'site-northgate'],
  });
  const ids: Record<'followUp' | 'chase' | 'review' | 'reply', string> = {
    followUp: '',
    chase: '',
    review: '',
    reply: '',
  };
  let samId: string;

  beforeAll(async () => {
    const ds = api.dataSource;
    samId = await insertTaskClient(ds, orgId, { keyworkerId: 'kw-alex', siteId: 'site-hub' });
    const referralId = await insertTaskReferral(ds, orgId, samId);
    const missed = await insertMissedAppointment(ds, orgId, samId, referralId);
    const unknown = await insertMissedAppointment(ds, orgId, samId, referralId);
    const base = { orgId, clientId: samId, referralId, appointmentId: missed };
    const at = new Date('2026-11-01T09:00:00Z');
    ids.followUp = (await openTask(ds, aDnaTask(base), at)).taskId; // due tomorrow 17:00
    ids.chase = (
      await openTask(
        ds,
        aDnaTask(
          { ...base, appointmentId: unknown },
          {
            type: 'outcome_unknown',
            cause: `outcome_unknown:${unknown}`,
            priority: 'routine',
            summary: 'Outcome of the hepatitis C appointment not recorded: ask the clinic and the client',
            dueAt: new Date('2026-11-02T09:00:00Z'), // this morning: overdue
          },
        ),
        at,
      )
    ).taskId;
    ids.review = (
      await openTask(
        ds,
        aDnaTask(base, {
          type: 'mdt_review',
          cause: `mdt_review:${missed}`,
          priority: 'urgent',
          assignTo: 'team',
          summary: 'Repeated non-attendance: discuss at the multidisciplinary meeting',
          dueAt: new Date('2026-11-04T17:00:00Z'),
        }),
        at,
      )
    ).taskId;
    const joId = await insertTaskClient(ds, orgId, { keyworkerId: 'kw-priya', siteId: 'site-northgate' });
    ids.reply = (
      await openTask(
        ds,
        aDnaTask(
          { orgId, clientId: joId, referralId: null, appointmentId: randomUUID() },
          {
            type: 'sms_reply',
            cause: `reply:${randomUUID()}`,
            summary: 'Client replied to a reminder: wants a new appointment',
            dueAt: new Date('2026-11-02T17:00:00Z'),
            detail: { replyText: 'cant make it tmrw' },
          },
        ),
        at,
      )
    ).taskId;
    // Another organisation's task on the same sites never shows.
    const elsewhere = `org-${randomUUID()}`;
    const theirClient = await insertTaskClient(ds, elsewhere, { keyworkerId: 'kw-alex', siteId: 'site-hub' });
    await openTask(
      ds,
      aDnaTask({ orgId: elsewhere, clientId: theirClient, referralId: null, appointmentId: randomUUID() }),
      at,
    );
  });

  const list = async (who = alex, query = '') => {
    const answer = await api.call<TaskListView>(who, 'GET', `/tasks${query}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const idsOf = (view: TaskListView) => view.items.map((t) => t.id);

  it("lists mine, my team's and overdue, most pressing first, with the counts of all three", async () => {
    const mine = await list(alex, '?view=mine');
    expect(idsOf(mine)).toEqual([ids.chase, ids.followUp]);
    expect(mine.total).toBe(2);
    expect(mine.counts).toEqual({ mine: 2, team: 3, overdue: 1 });
    expect(mine.items[0]).toMatchObject({
      type: 'outcome_unknown',
      clientId: samId,
      clientName: 'Sam Carter',
      status: 'open',
      overdue: true,
      assigneeUserId: 'kw-alex',
      teamSiteId: 'site-hub',
      version: 1,
    });
    expect(idsOf(await list(alex, '?view=team'))).toEqual([ids.chase, ids.followUp, ids.review]);
    expect(idsOf(await list(alex, '?view=overdue'))).toEqual([ids.chase]);
    const nurse = await list(priya, '?view=mine');
    expect(idsOf(nurse)).toEqual([ids.reply]);
    expect(nurse.counts).toEqual({ mine: 1, team: 1, overdue: 0 });
    // A manager of both sites sees both teams, and has nothing of their own.
    const manager = await list(ruth, '?view=team');
    expect(manager.total).toBe(4);
    expect(manager.counts).toEqual({ mine: 0, team: 4, overdue: 1 });
  });

  it('filters by type and client, counting over the same filters, and pages', async () => {
    const followUps = await list(alex, '?view=team&type=dna_follow_up');
    expect(idsOf(followUps)).toEqual([ids.followUp]);
    expect(followUps.counts).toEqual({ mine: 1, team: 1, overdue: 0 });
    expect((await list(ruth, `?view=team&clientId=${samId}`)).total).toBe(3);
    const second = await list(alex, '?view=team&limit=1&offset=1');
    expect(idsOf(second)).toEqual([ids.followUp]);
    expect(second).toMatchObject({ total: 3, limit: 1, offset: 1 });
    const past = await list(alex, '?view=team&limit=1&offset=10');
    expect(past).toMatchObject({ items: [], total: 3 });
  });

  it('audits every task a list shows, one entry each', async () => {
    const audits = () =>
      api.dataSource.query(
        `SELECT subject_id FROM referrals.audit_log WHERE action = 'search' AND subject_type = 'task'
           AND actor_user_id = 'kw-priya'`,
      );
    const before = (await audits()).length;
    await list(priya, '?view=team');
    expect((await audits()).slice(before)).toEqual([{ subject_id: ids.reply }]);
  });

  it('refuses a bad query with every problem listed, as problem+json', async () => {
    const answer = await api.call<{ status: number; errors: { path: string }[] }>(
      alex,
      'GET',
      '/tasks?view=everyone&type=chores&limit=0&clientId=sam',
    );
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/application\/problem\+json/);
    expect(answer.body.errors.map((e) => e.path).sort()).toEqual(['clientId', 'limit', 'type', 'view']);
    const overdueDone = await api.call(alex, 'GET', '/tasks?view=overdue&status=done');
    expect(overdueDone.status).toBe(400);
  });

  it('keeps the worklists from staff of other kinds of organisation', async () => {
    const gp = aWorker(orgId, { orgKind: 'gp_practice', roles: ['clinician'] });
    expect((await api.call(gp, 'GET', '/tasks')).status).toBe(403);
  });

  it('snoozes a task out of my list until it wakes, overdue only from the end of the snooze', async () => {
    const snoozed = await api.call<TaskView>(alex, 'POST', `/tasks/${ids.chase}/snooze`, {
      until: '2026-11-03T10:00:00+00:00',
      reason: 'Clinic phones back tomorrow morning',
    });
    expect(snoozed.status).toBe(200);
    expect(snoozed.body).toMatchObject({
      status: 'snoozed',
      overdue: false,
      snoozedUntil: '2026-11-03T10:00:00.000Z',
      snoozeReason: 'Clinic phones back tomorrow morning',
      version: 2,
    });
    const mine = await list(alex, '?view=mine');
    expect(idsOf(mine)).toEqual([ids.followUp]);
    expect(mine.counts).toEqual({ mine: 1, team: 2, overdue: 0 });
    expect(idsOf(await list(alex, '?view=mine&status=snoozed'))).toEqual([ids.chase]);

    clock.set('2026-11-03T09:59:00Z');
    expect(idsOf(await list(alex, '?view=overdue'))).toEqual([]);
    clock.set('2026-11-03T10:01:00Z');
    const woke = await list(alex, '?view=mine');
    expect(idsOf(woke)).toEqual([ids.chase, ids.followUp]);
    expect(woke.items[0]).toMatchObject({ status: 'open', overdue: true });
    expect(idsOf(await list(alex, '?view=overdue'))).toEqual([ids.chase]);
    expect(idsOf(await list(alex, '?view=mine&status=snoozed'))).toEqual([]);
  });

  it("moves a task between people's lists and back to the team", async () => {
    const toPriya = await api.call<TaskView>(alex, 'POST', `/tasks/${ids.followUp}/reassign`, {
      assigneeUserId: 'kw-priya',
    });
    expect(toPriya.status).toBe(200);
    expect(toPriya.body).toMatchObject({ assigneeUserId: 'kw-priya', teamSiteId: 'site-hub' });
    // The reply was due yesterday evening, so it stays on top.
    expect(idsOf(await list(priya, '?view=mine'))).toEqual([ids.reply, ids.followUp]);
    expect(idsOf(await list(alex, '?view=mine'))).not.toContain(ids.followUp);
    const toTeam = await api.call<TaskView>(priya, 'POST', `/tasks/${ids.followUp}/reassign`, {
      assigneeUserId: null,
    });
    expect(toTeam.body.assigneeUserId).toBeNull();
    expect(idsOf(await list(priya, '?view=mine'))).toEqual([ids.reply]);
    expect(idsOf(await list(alex, '?view=team'))).toContain(ids.followUp);
  });

  it('lists done tasks, latest first, and leaves them out of the open lists and counts', async () => {
    clock.set('2026-11-03T11:00:00Z');
    await api.call(alex, 'POST', `/tasks/${ids.review}/complete`, {
      outcome: 'other',
      note: 'Discussed at MDT: outreach visit on Thursday',
    });
    clock.set('2026-11-03T11:05:00Z');
    await api.call(alex, 'POST', `/tasks/${ids.chase}/complete`, { outcome: 'rebooked' });
    const done = await list(alex, '?view=team&status=done');
    expect(idsOf(done)).toEqual([ids.chase, ids.review]);
    expect(done.items[0]).toMatchObject({ status: 'done', outcome: 'rebooked', completedBy: 'kw-alex' });
    const open = await list(alex, '?view=team');
    expect(idsOf(open)).toEqual([ids.followUp]);
    expect(open.counts).toEqual({ mine: 0, team: 1, overdue: 0 });
  });
});
