import { randomUUID } from 'node:crypto';
import type { Database } from '@careloop/persistence';
import type { TestDatabase } from '@careloop/testing';
import { AddOfferTaskType1764400002300 } from '../../src/migrations/1764400002300-add-offer-task-type';
import { insertClient, openReferralsDatabase } from './referral-fixture';

/**
 * Migration 1764400002300: the task table takes `inreach_offer` tasks (cause `offer:<offer id>`, naming
 * the held appointment); `down` removes them with their contact attempts, and `up` allows them again.
 */
describe('referrals migration 1764400002300 (the in-reach offer task)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let clientId: string;
  const orgId = `org-${randomUUID()}`;

  beforeAll(async () => {
    ({ db, testDb } = await openReferralsDatabase('referrals_migration_offer_task'));
    clientId = await insertClient(db, orgId);
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const aTask = (type: string, cause: string, appointmentId: string | null = randomUUID()) =>
    db.dataSource.query(
      `INSERT INTO referrals.task (id, org_id, client_id, appointment_id, type, cause, summary, due_at, priority,
         team_site_id, assignee_user_id, status, caused_by, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, 'Tell the client about a seat offered', now(), 'high', 'site-hub', 'kw-alex',
         'open', $7, now(), now(), 1) RETURNING id::text AS id`,
      [randomUUID(), orgId, clientId, appointmentId, type, cause, randomUUID()],
    ) as Promise<{ id: string }[]>;
  const anAttempt = (taskId: string) =>
    db.dataSource.query(
      `INSERT INTO referrals.task_contact_attempt (id, task_id, org_id, client_id, method, outcome, made_at,
         recorded_by, recorded_at) VALUES ($1, $2, $3, $4, 'phone_call', 'reached', now(), 'kw-alex', now())`,
      [randomUUID(), taskId, orgId, clientId],
    );
  const types = async () =>
    (
      (await db.dataSource.query(`SELECT type FROM referrals.task WHERE client_id = $1 ORDER BY type`, [
        clientId,
      ])) as { type: string }[]
    ).map((r) => r.type);
  const refusedBy = (constraint: string) => ({
    driverError: expect.objectContaining({ code: '23514', constraint }),
  });

  it('keeps an offer task caused by its offer and naming the held appointment; refuses one that does not', async () => {
    await aTask('inreach_offer', `offer:${randomUUID()}`);
    await expect(aTask('inreach_offer', `reply:${randomUUID()}`)).rejects.toMatchObject(
      refusedBy('task_cause_of_type'),
    );
    await expect(aTask('inreach_offer', `offer:${randomUUID()}`, null)).rejects.toMatchObject(
      refusedBy('task_names_appointment'),
    );
    await expect(aTask('offer_lapsed', `offer:${randomUUID()}`)).rejects.toMatchObject(
      refusedBy('task_type_check'),
    );
    expect(await types()).toEqual(['inreach_offer']);
  });

  it('goes down, removing offer tasks and their contact attempts only, and up again', async () => {
    const [offerTask] = await aTask('inreach_offer', `offer:${randomUUID()}`);
    await anAttempt(offerTask!.id);
    const [dnaTask] = await aTask('dna_follow_up', `dna:${randomUUID()}`);
    await anAttempt(dnaTask!.id);
    const runner = db.dataSource.createQueryRunner();
    try {
      await new AddOfferTaskType1764400002300().down(runner);
      expect(await types()).toEqual(['dna_follow_up']);
      await expect(aTask('inreach_offer', `offer:${randomUUID()}`)).rejects.toMatchObject(
        refusedBy('task_type_check'),
      );
      await new AddOfferTaskType1764400002300().up(runner);
    } finally {
      await runner.release();
    }
    await aTask('inreach_offer', `offer:${randomUUID()}`);
    expect(await types()).toEqual(['dna_follow_up', 'inreach_offer']);
    const attempts = (await db.dataSource.query(
      `SELECT task_id::text AS task_id FROM referrals.task_contact_attempt WHERE client_id = $1`,
      [clientId],
    )) as { task_id: string }[];
    expect(attempts).toEqual([{ task_id: dnaTask!.id }]);
    // Contact attempts are append-only again.
    await expect(
      db.dataSource.query(`DELETE FROM referrals.task_contact_attempt WHERE client_id = $1`, [clientId]),
    ).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '42501' }) });
  });
});
