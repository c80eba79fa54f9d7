import { randomUUID } from 'node:crypto';
import type { Database } from '@careloop/persistence';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import { HoldEndedReason1764400002500 } from '../../src/migrations/1764400002500-hold-ended-reason';
import { InreachSlots1764400002600 } from '../../src/migrations/1764400002600-inreach-slots';
import { openBookingSchema, openBookingSchemaUpTo } from '../support/booking-database';

/**
 * Migration 1764400002600 on a schema holding a provider's schedule: the schedule keeps its name rule,
 * in-reach schedules are exempt from it, and `down` puts the plain unique constraint back.
 */
describe('booking migration 1764400002600 (in-reach slots)', () => {
  let testDb: TestDatabase;
  let db: Database | undefined;
  const siteId = randomUUID();

  beforeAll(async () => {
    testDb = await createTestDatabase('booking_migration_2600');
    const old = await openBookingSchemaUpTo(testDb.url, HoldEndedReason1764400002500);
    try {
      await old.dataSource.query(`INSERT INTO booking.organisation (id, name, kind, updated_by, updated_at)
        VALUES ('org-riverside-cdas', 'Riverside Recovery Service', 'cdas', 'sam.okafor', now())`);
      await old.dataSource.query(
        `INSERT INTO booking.site (id, org_id, name, address, created_by, created_at)
         VALUES ($1, 'org-riverside-cdas', 'Riverside House', '12 High Street', 'sam.okafor', now())`,
        [siteId],
      );
    } finally {
      await old.close();
    }
    db = await openBookingSchema(testDb.url);
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const aSchedule = (name: string, inreachServiceId: string | null) =>
    db!.dataSource.query(
      `INSERT INTO booking.schedule (id, org_id, site_id, kind, name, service_type, inreach_service_id,
         created_by, created_at)
       VALUES ($1, 'org-riverside-cdas', $2, 'clinic', $3, 'hepatitis_c', $4, 'sam.okafor', now())`,
      [randomUUID(), siteId, name, inreachServiceId],
    );

  const nameRule = async () =>
    (
      (await db!.dataSource.query(
        `SELECT contype FROM pg_constraint WHERE conname = 'schedule_name_per_site'`,
      )) as { contype: string }[]
    ).map((c) => c.contype);

  it('keeps a provider’s own schedule names unique per site and lets in-reach services share one', async () => {
    await aSchedule('Hepatitis C clinic', null);
    await expect(aSchedule('Hepatitis C clinic', null)).rejects.toMatchObject({ code: '23P01' });
    await aSchedule('Hepatitis C clinic', randomUUID());
    await aSchedule('Hepatitis C clinic', randomUUID());
    const service = randomUUID();
    await aSchedule('Hepatitis C treatment', service);
    await expect(aSchedule('Another name', service)).rejects.toMatchObject({ code: '23505' });
    expect(await nameRule()).toEqual(['x']);
  });

  it('goes down to the plain unique name constraint once no in-reach schedule is left', async () => {
    await db!.dataSource.query(`DELETE FROM booking.schedule WHERE inreach_service_id IS NOT NULL`);
    const runner = db!.dataSource.createQueryRunner();
    try {
      await new InreachSlots1764400002600().down(runner);
    } finally {
      await runner.release();
    }
    expect(await nameRule()).toEqual(['u']);
    const columns = await db!.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'booking' AND column_name IN ('inreach_session_id', 'inreach_service_id')`,
    );
    expect(columns).toEqual([]);
  });
});
