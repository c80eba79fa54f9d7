import { randomUUID } from 'node:crypto';
import type { Database } from '@careloop/persistence';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import { OfferedAppointments1764400003300 } from '../../src/migrations/1764400003300-offered-appointments';
import { openRemindersSchema } from '../support/reminders-database';

const CDAS = 'org-riverside-cdas';

/**
 * Migration 1764400003300 lets reminders keep a seat held for an in-reach offer as an appointment
 * 'offered' (then booked, or 'offer_ended'), with the offer's id and expiry; the constraints keep
 * the two together and on every offer. Down turns offers still open or ended into cancellations.
 */
describe('reminders migration 1764400003300 on offered appointments', () => {
  let testDb: TestDatabase;
  let db: Database | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase('reminders_offered_migration');
    db = await openRemindersSchema(testDb.url);
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const q = <T = unknown>(sql: string, params: unknown[] = []) => db!.dataSource.query<T>(sql, params);

  /** An appointment row; resolves to its id, or to the name of the constraint that refused it. */
  async function anAppointment(
    status: string,
    offer: { id: string | null; expiresAt: string | null },
  ): Promise<string> {
    const id = randomUUID();
    try {
      await q(
        `INSERT INTO "reminders"."appointment" ("appointment_id", "org_id", "client_id", "status", "starts_at",
           "location", "provider_name", "service_type", "version", "offer_id", "offer_expires_at", "last_event_at")
         VALUES ($1, $2, $3, $4, '2026-12-09T10:20:00Z', 'Hillside Surgery', 'Hep C nurse', 'hep_c', 1, $5, $6,
                 '2026-12-02T12:00:00Z')`,
        [id, CDAS, randomUUID(), status, offer.id, offer.expiresAt],
      );
      return id;
    } catch (error) {
      return (error as { driverError?: { constraint?: string } }).driverError?.constraint ?? String(error);
    }
  }
  const anOffer = () => ({ id: randomUUID(), expiresAt: '2026-12-04T17:00:00Z' });
  const noOffer = { id: null, expiresAt: null };
  async function aScheduledOfferText(appointmentId: string): Promise<string> {
    const id = randomUUID();
    await q(
      `INSERT INTO "reminders"."reminder" ("id", "appointment_id", "client_id", "org_id", "step",
         "appointment_version", "due_at", "status", "created_at", "updated_at")
       SELECT $1, "appointment_id", "client_id", "org_id", 'offer', 1, '2026-12-03T08:00:00Z', 'scheduled',
              '2026-12-02T22:30:00Z', '2026-12-02T22:30:00Z'
         FROM "reminders"."appointment" WHERE "appointment_id" = $2`,
      [id, appointmentId],
    );
    return id;
  }

  it('keeps offers with their id and expiry, together, and refuses an offer status without them', async () => {
    expect(await anAppointment('offered', anOffer())).toMatch(/^[0-9a-f-]{36}$/);
    expect(await anAppointment('offer_ended', anOffer())).toMatch(/^[0-9a-f-]{36}$/);
    // A taken offer is booked and keeps its offer; any other booking has none.
    expect(await anAppointment('booked', anOffer())).toMatch(/^[0-9a-f-]{36}$/);
    expect(await anAppointment('booked', noOffer)).toMatch(/^[0-9a-f-]{36}$/);

    expect(await anAppointment('offered', noOffer)).toBe('appointment_offer_status');
    expect(await anAppointment('offered', { ...anOffer(), expiresAt: null })).toBe('appointment_offer_whole');
    expect(await anAppointment('withdrawn', noOffer)).toBe('appointment_status');
  });

  it('comes down with open and ended offers cancelled (their pending text too), and goes up again', async () => {
    const open = await anAppointment('offered', anOffer());
    const pending = await aScheduledOfferText(open);
    const ended = await anAppointment('offer_ended', anOffer());
    const taken = await anAppointment('booked', anOffer());
    const runner = db!.dataSource.createQueryRunner();
    try {
      await new OfferedAppointments1764400003300().down(runner);
      const statuses = await q<{ appointment_id: string; status: string }[]>(
        `SELECT "appointment_id", "status" FROM "reminders"."appointment" WHERE "appointment_id" = ANY($1::uuid[])`,
        [[open, ended, taken]],
      );
      expect(Object.fromEntries(statuses.map((s) => [s.appointment_id, s.status]))).toEqual({
        [open]: 'cancelled',
        [ended]: 'cancelled',
        [taken]: 'booked',
      });
      expect(
        await q(`SELECT "status", "status_reason" FROM "reminders"."reminder" WHERE "id" = $1`, [pending]),
      ).toEqual([{ status: 'cancelled', status_reason: 'offer_ended' }]);
      const columns = await q<{ column_name: string }[]>(
        `SELECT column_name FROM information_schema.columns
          WHERE table_schema = 'reminders' AND table_name = 'appointment' AND column_name LIKE 'offer%'`,
      );
      expect(columns).toEqual([]);
      await new OfferedAppointments1764400003300().up(runner);
    } finally {
      await runner.release();
    }
    expect(await anAppointment('offered', anOffer())).toMatch(/^[0-9a-f-]{36}$/);
  });
});
