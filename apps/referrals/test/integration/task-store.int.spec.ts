import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Database } from '@careloop/persistence';
import type { TestDatabase } from '@careloop/testing';
import { CreateTasks1764400001900 } from '../../src/migrations/1764400001900-create-tasks';
import { openReferralsDatabase } from './referral-fixture';
import {
  aDnaTask,
  insertMissedAppointment,
  insertTaskClient,
  insertTaskReferral,
  openTask,
  tableCount,
  taskRow,
} from './task-fixture';

const now = new Date('2026-11-02T12:00:00Z');
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string; message?: string }) => error.code ?? String(error.message),
  );
/** What Postgres said when it refused a write: 'resolved' when it did not. */
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: Error) => error.message,
  );

/**
 * The task table and OpenTask on real Postgres: one task per cause however often or concurrently an
 * event asks, one open review per referral, the keyworker or the team, and the rules the table keeps
 * even against a write that skips the use cases.
 */
describe('the task store on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;
  let ds: DataSource;
  const orgId = `org-${randomUUID()}`;

  beforeAll(async () => {
    ({ db, testDb } = await openReferralsDatabase('task_store'));
    ds = db.dataSource;
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  async function aMissedAppointment(keyworkerId = 'kw-alex', siteId = 'site-hub') {
    const clientId = await insertTaskClient(ds, orgId, { keyworkerId, siteId });
    const referralId = await insertTaskReferral(ds, orgId, clientId);
    const appointmentId = await insertMissedAppointment(ds, orgId, clientId, referralId);
    return { orgId, clientId, referralId, appointmentId };
  }

  it("opens a task for the client's keyworker, owned by the client's site, with a create audit entry", async () => {
    const missed = await aMissedAppointment('kw-priya', 'site-northgate');
    const task = aDnaTask(missed);
    const opened = await openTask(ds, task, now);
    expect(opened.created).toBe(true);
    expect(await taskRow(ds, opened.taskId)).toMatchObject({
      org_id: orgId,
      client_id: missed.clientId,
      referral_id: missed.referralId,
      appointment_id: missed.appointmentId,
      type: 'dna_follow_up',
      cause: `dna:${missed.appointmentId}`,
      status: 'open',
      priority: 'high',
      assignee_user_id: 'kw-priya',
      team_site_id: 'site-northgate',
      due_at: new Date('2026-11-03T17:00:00Z'),
      detail: task.detail,
      caused_by: task.causedBy,
      version: 1,
    });
    const audit = await ds.query(
      `SELECT action, subject_type, actor_user_id, details FROM referrals.audit_log WHERE subject_id = $1`,
      [opened.taskId],
    );
    expect(audit).toEqual([
      {
        action: 'create',
        subject_type: 'task',
        actor_user_id: 'system:tasks',
        details: expect.objectContaining({ type: 'dna_follow_up', causedBy: task.causedBy }),
      },
    ]);
  });

  it('gives a team task to no one in particular', async () => {
    const missed = await aMissedAppointment();
    const opened = await openTask(ds, aDnaTask(missed, { assignTo: 'team' }), now);
    expect(await taskRow(ds, opened.taskId)).toMatchObject({
      assignee_user_id: null,
      team_site_id: 'site-hub',
    });
  });

  it('opens one task per cause: a redelivered event, even with another id, changes nothing', async () => {
    const missed = await aMissedAppointment();
    const first = await openTask(ds, aDnaTask(missed), now);
    const tasks = await tableCount(ds, 'task');
    const audits = await tableCount(ds, 'audit_log');
    const again = await openTask(
      ds,
      aDnaTask(missed, { summary: 'Another wording', priority: 'urgent' }),
      now,
    );
    expect(again).toEqual({ taskId: first.taskId, created: false });
    expect(await tableCount(ds, 'task')).toBe(tasks);
    expect(await tableCount(ds, 'audit_log')).toBe(audits);
    expect(await taskRow(ds, first.taskId)).toMatchObject({ priority: 'high', version: 1 });
  });

  it('opens one task when the same cause arrives twice at the same moment', async () => {
    const missed = await aMissedAppointment();
    const results = await Promise.all([
      openTask(ds, aDnaTask(missed), now),
      openTask(ds, aDnaTask(missed), now),
    ]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results[0]!.taskId).toBe(results[1]!.taskId);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM referrals.task WHERE cause = $1`, [
      `dna:${missed.appointmentId}`,
    ]);
    expect(n).toBe(1);
  });

  it('keeps one open multidisciplinary review per referral, and allows a new one once it is done', async () => {
    const missed = await aMissedAppointment();
    const review = (appointmentId: string) =>
      aDnaTask(missed, {
        type: 'mdt_review',
        cause: `mdt_review:${appointmentId}`,
        appointmentId,
        priority: 'urgent',
        assignTo: 'team',
        summary: 'Repeated non-attendance: discuss at the multidisciplinary meeting',
      });
    const second = await insertMissedAppointment(ds, orgId, missed.clientId, missed.referralId);
    const third = await insertMissedAppointment(ds, orgId, missed.clientId, missed.referralId);
    const [a, b] = await Promise.all([
      openTask(ds, review(missed.appointmentId), now),
      openTask(ds, review(second), now),
    ]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.taskId).toBe(b.taskId);
    await ds.query(
      `UPDATE referrals.task SET status = 'done', outcome = 'other', outcome_note = 'Discussed: outreach visit',
         completed_by = 'u-1', completed_at = now() WHERE id = $1`,
      [a.taskId],
    );
    const next = await openTask(ds, review(third), now);
    expect(next.created).toBe(true);
    expect(next.taskId).not.toBe(a.taskId);
  });

  it("refuses an unknown client, another organisation's client and a referral of another client", async () => {
    const missed = await aMissedAppointment();
    const before = await tableCount(ds, 'task');
    expect(await codeOf(openTask(ds, aDnaTask({ ...missed, clientId: randomUUID() }), now))).toBe(
      'CLIENT_NOT_FOUND',
    );
    expect(await codeOf(openTask(ds, aDnaTask({ ...missed, orgId: `org-${randomUUID()}` }), now))).toBe(
      'CLIENT_NOT_FOUND',
    );
    const other = await aMissedAppointment();
    expect(await codeOf(openTask(ds, aDnaTask({ ...missed, referralId: other.referralId }), now))).toBe(
      'REFERRAL_NOT_FOR_CLIENT',
    );
    expect(await codeOf(openTask(ds, aDnaTask(missed, { cause: `reply:${randomUUID()}` }), now))).toBe(
      'TASK_INVALID',
    );
    expect(await tableCount(ds, 'task')).toBe(before);
  });

  describe('the rules the table keeps', () => {
    let id: string;
    let clientId: string;
    beforeAll(async () => {
      const missed = await aMissedAppointment();
      clientId = missed.clientId;
      id = (await openTask(ds, aDnaTask(missed), now)).taskId;
    });
    const update = (set: string) => refusal(ds.query(`UPDATE referrals.task SET ${set} WHERE id = $1`, [id]));

    it.each([
      ['a snooze without its end', `status = 'snoozed', snooze_reason = 'Client in hospital'`],
      ['a snooze without its reason', `status = 'snoozed', snoozed_until = now()`],
      ['a done task without an outcome', `status = 'done', completed_by = 'u-1', completed_at = now()`],
      ['an outcome without who and when', `status = 'done', outcome = 'rebooked'`],
      [
        'other without a note',
        `status = 'done', outcome = 'other', completed_by = 'u-1', completed_at = now()`,
      ],
      [
        'a safeguarding concern without a note',
        `status = 'done', outcome = 'safeguarding_concern', completed_by = 'u-1', completed_at = now()`,
      ],
      [
        'an unknown outcome',
        `status = 'done', outcome = 'discharged', completed_by = 'u-1', completed_at = now()`,
      ],
      ['a cause of another type', `cause = 'reply:${randomUUID()}'`],
      ['a summary over two lines', `summary = E'Missed\\ncall'`],
      ['an unknown status', `status = 'closed'`],
      ['a blank assignee', `assignee_user_id = ' '`],
      ['a version of 0', `version = 0`],
    ])('refuses %s', async (_what, set) => {
      expect(await update(set)).toMatch(/violates check constraint/);
    });

    it('takes a done task with its outcome, who and when', async () => {
      expect(
        await update(
          `status = 'done', outcome = 'safeguarding_concern', outcome_note = 'Raised with the lead',
           completed_by = 'u-1', completed_at = now()`,
        ),
      ).toBe('resolved');
    });

    it('keeps contact attempts append-only', async () => {
      const attemptId = randomUUID();
      await ds.query(
        `INSERT INTO referrals.task_contact_attempt (id, task_id, org_id, client_id, method, outcome, made_at,
           recorded_by, recorded_at) VALUES ($1, $2, $3, $4, 'phone_call', 'no_answer', now(), 'u-1', now())`,
        [attemptId, id, orgId, clientId],
      );
      for (const sql of [
        `UPDATE referrals.task_contact_attempt SET outcome = 'reached' WHERE id = '${attemptId}'`,
        `DELETE FROM referrals.task_contact_attempt WHERE id = '${attemptId}'`,
        `TRUNCATE referrals.task_contact_attempt`,
      ]) {
        expect(await refusal(ds.query(sql))).toMatch(/append-only/);
      }
    });
  });

  // Last: it removes every task.
  it('goes down, removing the task tables, and up again', async () => {
    const runner = ds.createQueryRunner();
    const tables = async () =>
      (
        (await ds.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'referrals'
             AND table_name LIKE 'task%' ORDER BY 1`,
        )) as { table_name: string }[]
      ).map((t) => t.table_name);
    try {
      await new CreateTasks1764400001900().down(runner);
      expect(await tables()).toEqual([]);
      await new CreateTasks1764400001900().up(runner);
      expect(await tables()).toEqual(['task', 'task_contact_attempt']);
    } finally {
      await runner.release();
    }
    const missed = await aMissedAppointment();
    expect((await openTask(ds, aDnaTask(missed), now)).created).toBe(true);
  });
});
