import { randomUUID } from 'node:crypto';
import { ManualClock } from '@careloop/time';
import type { TimelineView } from '../../src/timeline/timeline.dto';
import type { RecordedContactAttemptView, TaskView } from '../../src/task/task.dto';
import {
  aDnaTask,
  aWorker,
  insertMissedAppointment,
  insertTaskClient,
  insertTaskReferral,
  openTask,
  tableCount,
  taskRow,
  useReferralsOverHttp,
} from './task-fixture';

interface Problem {
  status: number;
  code: string;
  errors?: { path: string; message: string }[];
}

/**
 * Working one task over HTTP: reading it (with what is needed to rebook), snoozing, completing with an
 * outcome, contact attempts; bad input refused with problem+json and nothing written, another
 * organisation's task not found, a done task refusing every change, concurrent changes serialised.
 */
describe('working a task over HTTP on real Postgres', () => {
  const clock = new ManualClock('2026-11-02T12:00:00Z');
  const api = useReferralsOverHttp('task_actions', clock);
  const orgId = `org-${randomUUID()}`;
  const alex = aWorker(orgId, { userId: 'kw-alex' });
  const priya = aWorker(orgId, { userId: 'kw-priya', roles: ['nurse'] });
  const ruth = aWorker(orgId, { userId: 'ruth', roles: ['service_manager'] });
  const elsewhere = aWorker(`org-${randomUUID()}`);
  beforeEach(() => clock.set('2026-11-02T12:00:00Z'));

  /** A missed appointment's follow-up for a new client of Alex's. */
  async function aFollowUp() {
    const ds = api.dataSource;
    const clientId = await insertTaskClient(ds, orgId, { keyworkerId: 'kw-alex' });
    const referralId = await insertTaskReferral(ds, orgId, clientId);
    const appointmentId = await insertMissedAppointment(ds, orgId, clientId, referralId);
    const { taskId } = await openTask(
      ds,
      aDnaTask({ orgId, clientId, referralId, appointmentId }),
      clock.now(),
    );
    return { taskId, clientId, referralId, appointmentId };
  }
  const post = <T = TaskView>(who: typeof alex, path: string, body: unknown, key?: string) =>
    api.call<T>(who, 'POST', path, body, key ? { 'idempotency-key': key } : {});
  const timeline = async (clientId: string) => {
    const answer = await api.call<TimelineView>(alex, 'GET', `/clients/${clientId}/timeline`);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const auditOf = (taskId: string) =>
    api.dataSource.query(
      `SELECT action, actor_user_id, details FROM referrals.audit_log WHERE subject_id = $1 ORDER BY seq`,
      [taskId],
    ) as Promise<{ action: string; actor_user_id: string; details: Record<string, unknown> }[]>;

  it('shows a task with the appointment, what to rebook with and its attempts, and audits the read', async () => {
    const { taskId, clientId, appointmentId, referralId } = await aFollowUp();
    const answer = await api.call<TaskView>(ruth, 'GET', `/tasks/${taskId}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      id: taskId,
      type: 'dna_follow_up',
      clientId,
      clientName: 'Sam Carter',
      referralId,
      appointmentId,
      summary: 'Missed hepatitis C treatment at St Elsewhere Hepatology: call to rebook',
      detail: { rebookSearch: { serviceType: 'hepatitis C treatment', preferDays: ['tue'] } },
      priority: 'high',
      dueAt: '2026-11-03T17:00:00.000Z',
      overdue: false,
      status: 'open',
      snoozedUntil: null,
      snoozeReason: null,
      teamSiteId: 'site-hub',
      assigneeUserId: 'kw-alex',
      outcome: null,
      outcomeNote: null,
      completedBy: null,
      completedAt: null,
      createdAt: '2026-11-02T12:00:00.000Z',
      updatedAt: '2026-11-02T12:00:00.000Z',
      version: 1,
      appointment: {
        providerName: 'St Elsewhere Hepatology',
        serviceType: 'hepatitis C treatment',
        location: 'Clinic room 2',
        startsAt: '2026-11-02T10:00:00.000Z',
        status: 'did_not_attend',
      },
      contactAttempts: [],
    });
    expect((await auditOf(taskId)).map((a) => [a.action, a.actor_user_id])).toEqual([
      ['create', 'system:tasks'],
      ['read', 'ruth'],
    ]);
  });

  it("answers another organisation's task and an unknown one alike (404), and a bad id with 400", async () => {
    const { taskId } = await aFollowUp();
    const before = await tableCount(api.dataSource, 'audit_log');
    const theirs = await api.call<Problem>(elsewhere, 'GET', `/tasks/${taskId}`);
    const unknown = await api.call<Problem>(alex, 'GET', `/tasks/${randomUUID()}`);
    expect([theirs.status, theirs.body.code]).toEqual([404, 'TASK_NOT_FOUND']);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'TASK_NOT_FOUND']);
    const changed = await post<Problem>(elsewhere, `/tasks/${taskId}/complete`, { outcome: 'rebooked' });
    expect([changed.status, changed.body.code]).toEqual([404, 'TASK_NOT_FOUND']);
    expect(await tableCount(api.dataSource, 'audit_log')).toBe(before);
    const bad = await api.call<Problem>(alex, 'GET', '/tasks/not-a-task');
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.path)).toEqual(['id']);
    expect((await taskRow(api.dataSource, taskId)).version).toBe(1);
  });

  it('lets readers read but not change tasks', async () => {
    const { taskId } = await aFollowUp();
    expect((await post(ruth, `/tasks/${taskId}/complete`, { outcome: 'rebooked' })).status).toBe(403);
    expect((await taskRow(api.dataSource, taskId)).status).toBe('open');
  });

  it('refuses a snooze in the past or more than 30 days ahead, listing the field, and writes nothing', async () => {
    const { taskId } = await aFollowUp();
    const audits = await tableCount(api.dataSource, 'audit_log');
    for (const until of ['2026-11-02T11:59:00Z', '2026-12-02T12:00:01Z']) {
      const refused = await post<Problem>(alex, `/tasks/${taskId}/snooze`, { until, reason: 'On holiday' });
      expect(refused.status).toBe(400);
      expect(refused.contentType).toMatch(/application\/problem\+json/);
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'until', in: 'body' })]);
    }
    const both = await post<Problem>(alex, `/tasks/${taskId}/snooze`, { until: 'next week', reason: '' });
    expect(both.body.errors?.map((e) => e.path).sort()).toEqual(['reason', 'until']);
    const allowed = await post(alex, `/tasks/${taskId}/snooze`, {
      until: '2026-12-02T12:00:00Z',
      reason: 'Away',
    });
    expect(allowed.status).toBe(200);
    expect(await tableCount(api.dataSource, 'audit_log')).toBe(audits + 1);
    expect((await auditOf(taskId)).at(-1)).toMatchObject({
      action: 'update',
      actor_user_id: 'kw-alex',
      details: { change: 'snooze', until: '2026-12-02T12:00:00.000Z' },
    });
    expect(JSON.stringify(await auditOf(taskId))).not.toContain('Away');
  });

  it('completes with an outcome, needing a note for other and a safeguarding concern, and shows it on the timeline', async () => {
    const { taskId, clientId } = await aFollowUp();
    for (const outcome of ['other', 'safeguarding_concern']) {
      const refused = await post<Problem>(alex, `/tasks/${taskId}/complete`, { outcome });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.map((e) => e.path)).toEqual(['note']);
    }
    const unknown = await post<Problem>(alex, `/tasks/${taskId}/complete`, { outcome: 'discharged' });
    expect(unknown.body.errors?.map((e) => e.path)).toEqual(['outcome']);
    expect((await taskRow(api.dataSource, taskId)).status).toBe('open');

    clock.advance(60 * 60_000);
    const done = await post(alex, `/tasks/${taskId}/complete`, {
      outcome: 'safeguarding_concern',
      note: 'Disclosed threats from a neighbour; raised with the safeguarding lead',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'done',
      outcome: 'safeguarding_concern',
      outcomeNote: 'Disclosed threats from a neighbour; raised with the safeguarding lead',
      completedBy: 'kw-alex',
      completedAt: clock.now().toISOString(),
      version: 2,
    });
    const entries = (await timeline(clientId)).entries.filter((e) => e.kind.startsWith('task_'));
    expect(entries).toEqual([
      {
        kind: 'task_completed',
        id: taskId,
        occurredAt: clock.now().toISOString(),
        summary:
          'Task done (Missed hepatitis C treatment at St Elsewhere Hepatology: call to rebook), outcome safeguarding concern: Disclosed threats from a neighbour; raised with the safeguarding lead',
        refs: expect.objectContaining({ taskId }),
        by: 'kw-alex',
      },
      expect.objectContaining({
        kind: 'task_created',
        id: taskId,
        summary:
          'Task opened (high priority): Missed hepatitis C treatment at St Elsewhere Hepatology: call to rebook',
      }),
    ]);
    expect((await timeline(clientId)).notYetAvailable).toEqual([]);
  });

  it('refuses every change to a done task with 409, writing nothing', async () => {
    const { taskId } = await aFollowUp();
    expect((await post(alex, `/tasks/${taskId}/complete`, { outcome: 'declined' })).status).toBe(200);
    const attempts = await tableCount(api.dataSource, 'task_contact_attempt');
    const changes: [string, unknown][] = [
      ['complete', { outcome: 'rebooked' }],
      ['reassign', { assigneeUserId: 'kw-priya' }],
      ['snooze', { until: '2026-11-05T09:00:00Z', reason: 'Later' }],
      ['contact-attempts', { method: 'phone_call', outcome: 'reached' }],
    ];
    for (const [change, body] of changes) {
      const refused = await post<Problem & { version: number }>(alex, `/tasks/${taskId}/${change}`, body);
      expect([change, refused.status, refused.body.code, refused.body.version]).toEqual([
        change,
        409,
        'TASK_DONE',
        2,
      ]);
    }
    expect(await taskRow(api.dataSource, taskId)).toMatchObject({ version: 2, outcome: 'declined' });
    expect(await tableCount(api.dataSource, 'task_contact_attempt')).toBe(attempts);
  });

  it('lets one of two completes at the same moment win; the other gets 409', async () => {
    const { taskId } = await aFollowUp();
    const answers = await Promise.all([
      post(alex, `/tasks/${taskId}/complete`, { outcome: 'rebooked' }),
      post(priya, `/tasks/${taskId}/complete`, { outcome: 'unreachable' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!.body;
    expect(winner.version).toBe(2);
    expect(await taskRow(api.dataSource, taskId)).toMatchObject({ outcome: winner.outcome, version: 2 });
    expect((await auditOf(taskId)).filter((a) => a.action === 'update')).toHaveLength(1);
  });

  it('waits for a change in progress and then sees its result (the row lock), instead of overwriting it', async () => {
    const { taskId } = await aFollowUp();
    const other = api.dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      await other.query(`SELECT 1 FROM referrals.task WHERE id = $1 FOR UPDATE`, [taskId]);
      let settled = false;
      const waiting = post<Problem>(priya, `/tasks/${taskId}/complete`, { outcome: 'unreachable' }).finally(
        () => {
          settled = true;
        },
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      await other.query(
        `UPDATE referrals.task SET status = 'done', outcome = 'rebooked', completed_by = 'kw-alex',
           completed_at = now(), version = version + 1 WHERE id = $1`,
        [taskId],
      );
      await other.commitTransaction();
      const answer = await waiting;
      expect([answer.status, answer.body.code]).toEqual([409, 'TASK_DONE']);
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
    expect(await taskRow(api.dataSource, taskId)).toMatchObject({ outcome: 'rebooked', version: 2 });
  });

  it('serialises concurrent changes of different kinds: none is lost', async () => {
    const { taskId } = await aFollowUp();
    const answers = await Promise.all([
      post(alex, `/tasks/${taskId}/reassign`, { assigneeUserId: 'kw-priya' }),
      post(priya, `/tasks/${taskId}/snooze`, { until: '2026-11-04T09:00:00Z', reason: 'Client in hospital' }),
      post<RecordedContactAttemptView>(alex, `/tasks/${taskId}/contact-attempts`, {
        method: 'via_hostel',
        outcome: 'message_left',
      }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 201]);
    expect(await taskRow(api.dataSource, taskId)).toMatchObject({
      assignee_user_id: 'kw-priya',
      status: 'snoozed',
      version: 4,
    });
  });

  it('records contact attempts on the task and the timeline; a repeat with the same key makes none more', async () => {
    const { taskId, clientId, appointmentId } = await aFollowUp();
    const body = { method: 'phone_call', outcome: 'no_answer', madeAt: '2026-11-02T11:30:00Z' };
    const callKey = randomUUID();
    const first = await post<RecordedContactAttemptView>(
      alex,
      `/tasks/${taskId}/contact-attempts`,
      body,
      callKey,
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      taskId,
      clientId,
      method: 'phone_call',
      outcome: 'no_answer',
      note: null,
      madeAt: '2026-11-02T11:30:00.000Z',
      recordedBy: 'kw-alex',
      taskVersion: 2,
    });
    const repeat = await post<RecordedContactAttemptView>(
      alex,
      `/tasks/${taskId}/contact-attempts`,
      body,
      callKey,
    );
    expect([repeat.status, repeat.replayed, repeat.body.id]).toEqual([201, 'true', first.body.id]);
    const reused = await post<Problem>(
      alex,
      `/tasks/${taskId}/contact-attempts`,
      { ...body, outcome: 'reached' },
      callKey,
    );
    expect([reused.status, reused.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    await post(alex, `/tasks/${taskId}/contact-attempts`, {
      method: 'via_pharmacy',
      outcome: 'reached',
      note: 'Pharmacist passed on the message at pick-up',
    });

    const task = (await api.call<TaskView>(alex, 'GET', `/tasks/${taskId}`)).body;
    expect(task.version).toBe(3);
    expect(task.contactAttempts?.map((a) => [a.method, a.outcome])).toEqual([
      ['phone_call', 'no_answer'],
      ['via_pharmacy', 'reached'],
    ]);
    const entries = (await timeline(clientId)).entries.filter((e) => e.kind === 'task_contact_attempt');
    expect(entries.map((e) => [e.summary, e.occurredAt, e.by])).toEqual([
      [
        'Contact attempt, via the pharmacy: reached the client: Pharmacist passed on the message at pick-up',
        '2026-11-02T12:00:00.000Z',
        'kw-alex',
      ],
      ['Contact attempt, phone call: no answer', '2026-11-02T11:30:00.000Z', 'kw-alex'],
    ]);
    expect(entries[0]!.refs).toEqual({ taskId, appointmentId, referralId: task.referralId });
  });

  it('refuses a contact attempt in the future or with unknown values, writing nothing', async () => {
    const { taskId } = await aFollowUp();
    const attempts = await tableCount(api.dataSource, 'task_contact_attempt');
    const future = await post<Problem>(alex, `/tasks/${taskId}/contact-attempts`, {
      method: 'sms',
      outcome: 'reached',
      madeAt: '2026-11-02T13:00:00Z',
    });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([
      { path: 'madeAt', message: 'must not be in the future', in: 'body' },
    ]);
    const unknown = await post<Problem>(alex, `/tasks/${taskId}/contact-attempts`, {
      method: 'carrier_pigeon',
      outcome: 'lost',
      extra: true,
    });
    expect(unknown.body.errors?.map((e) => e.path).sort()).toEqual(['', 'method', 'outcome']);
    expect(await tableCount(api.dataSource, 'task_contact_attempt')).toBe(attempts);
    expect((await taskRow(api.dataSource, taskId)).version).toBe(1);
  });

  it('replays a completed request with the same key instead of refusing it as done', async () => {
    const { taskId } = await aFollowUp();
    const doneKey = randomUUID();
    const first = await post(alex, `/tasks/${taskId}/complete`, { outcome: 'rebooked' }, doneKey);
    const again = await post(alex, `/tasks/${taskId}/complete`, { outcome: 'rebooked' }, doneKey);
    expect([again.status, again.replayed]).toEqual([200, 'true']);
    expect(again.body).toEqual(first.body);
    expect((await auditOf(taskId)).map((a) => a.action)).toEqual(['create', 'update', 'read']);
  });
});
