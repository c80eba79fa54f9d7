import { randomUUID } from 'node:crypto';
import type { Database } from '@careloop/persistence';
import type { TestDatabase } from '@careloop/testing';
import { AddMissedSmsStep1764400002000 } from '../../src/migrations/1764400002000-add-missed-sms-step';
import { insertClient, openReferralsDatabase } from './referral-fixture';

/**
 * Migration 1764400002000: the reminders service's "sorry we missed you" text (step `missed`) is kept
 * in the client's SMS history; `down` keeps such texts without their step, and `up` again allows it.
 */
describe('referrals migration 1764400002000 (the missed SMS step)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let clientId: string;
  const orgId = `org-${randomUUID()}`;

  beforeAll(async () => {
    ({ db, testDb } = await openReferralsDatabase('referrals_migration_missed_step'));
    clientId = await insertClient(db, orgId);
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const aText = (step: string) =>
    db.dataSource.query(
      `INSERT INTO referrals.client_sms (id, org_id, client_id, kind, message_id, step, text, "at")
       VALUES ($1, $2, $3, 'sent', $4, $5, 'Hi Sam, sorry we missed you today.', now())`,
      [randomUUID(), orgId, clientId, randomUUID(), step],
    );
  const steps = async () =>
    (
      (await db.dataSource.query(
        `SELECT step FROM referrals.client_sms WHERE client_id = $1 ORDER BY "at", id`,
        [clientId],
      )) as { step: string | null }[]
    ).map((r) => r.step);
  const refused = {
    driverError: expect.objectContaining({ code: '23514', constraint: 'client_sms_step_check' }),
  };

  it('keeps the missed text as a step; refuses a step nobody sends', async () => {
    await aText('missed');
    await expect(aText('sorry')).rejects.toMatchObject(refused);
    expect(await steps()).toEqual(['missed']);
  });

  it('goes down, keeping the missed texts without their step, and up again', async () => {
    await aText('offer');
    const runner = db.dataSource.createQueryRunner();
    try {
      await new AddMissedSmsStep1764400002000().down(runner);
      expect((await steps()).sort()).toEqual([null, 'offer']);
      await expect(aText('missed')).rejects.toMatchObject(refused);
      await new AddMissedSmsStep1764400002000().up(runner);
    } finally {
      await runner.release();
    }
    await aText('missed');
    // Still append-only.
    await expect(
      db.dataSource.query(`DELETE FROM referrals.client_sms WHERE client_id = $1`, [clientId]),
    ).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '42501' }) });
  });
});
