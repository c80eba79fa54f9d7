import { randomUUID } from 'node:crypto';
import type { Database } from '@careloop/persistence';
import type { TestDatabase } from '@careloop/testing';
import { CreateInreachServices1764400001700 } from '../../src/migrations/1764400001700-create-inreach-services';
import { AddInreachOfferEvents1764400001800 } from '../../src/migrations/1764400001800-add-inreach-offer-events';
import { insertClient, openReferralsDatabase } from './referral-fixture';

/**
 * Migrations 1764400001700 (the in-reach service projection, a referral's service) and
 * 1764400001800 (offers among the care events, the `offer` SMS step): what the constraints refuse,
 * and `down` then `up` again with offers and offer texts already recorded.
 */
describe('referrals migrations 1764400001700 and 1764400001800 (in-reach services and offers)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let clientId: string;
  const orgId = `org-${randomUUID()}`;

  beforeAll(async () => {
    ({ db, testDb } = await openReferralsDatabase('referrals_migration_offers'));
    clientId = await insertClient(db, orgId);
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const anOfferEvent = (kind: string, o: Record<string, unknown> = {}) => {
    const row = {
      offer_id: randomUUID(),
      appointment_id: randomUUID(),
      provider_name: 'St Elsewhere Hepatology',
      service_type: 'hepatitis C treatment',
      location: 'Clinic room 2',
      starts_at: '2026-11-05T10:20:00Z',
      expires_at: '2026-11-03T17:00:00Z',
      end_reason: null as string | null,
      ...o,
    };
    return db.dataSource.query(
      `INSERT INTO referrals.client_care_event (id, org_id, client_id, kind, offer_id, appointment_id, provider_name,
         service_type, location, starts_at, expires_at, end_reason, "by", "at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'system:inreach-offer', now())`,
      [
        randomUUID(),
        orgId,
        clientId,
        kind,
        row.offer_id,
        row.appointment_id,
        row.provider_name,
        row.service_type,
        row.location,
        row.starts_at,
        row.expires_at,
        row.end_reason,
      ],
    );
  };
  const anOfferText = () =>
    db.dataSource.query(
      `INSERT INTO referrals.client_sms (id, org_id, client_id, kind, message_id, step, text, "at")
       VALUES ($1, $2, $3, 'sent', $4, 'offer', 'Hi Sam, an appointment is free for you', now())`,
      [randomUUID(), orgId, clientId, randomUUID()],
    );
  const refused = (constraint: string, code = '23514') => ({
    driverError: expect.objectContaining({ code, constraint }),
  });

  it('keeps offers whole: what was offered, why it ended, once per offer and kind', async () => {
    await expect(anOfferEvent('offer_made', { expires_at: null })).rejects.toMatchObject(
      refused('client_care_event_offer_made_has_slot'),
    );
    await expect(anOfferEvent('offer_made', { offer_id: null })).rejects.toMatchObject(
      refused('client_care_event_offer_named'),
    );
    await expect(anOfferEvent('offer_ended')).rejects.toMatchObject(
      refused('client_care_event_offer_ended_has_reason'),
    );
    await expect(anOfferEvent('offer_taken', { appointment_id: null })).rejects.toMatchObject(
      refused('client_care_event_offer_named'),
    );
    const offerId = randomUUID();
    await anOfferEvent('offer_made', { offer_id: offerId });
    await anOfferEvent('offer_ended', { offer_id: offerId, end_reason: 'declined', provider_name: null });
    await expect(
      anOfferEvent('offer_ended', { offer_id: offerId, end_reason: 'expired' }),
    ).rejects.toMatchObject(refused('client_care_event_offer_once', '23505'));
    await anOfferText();
  });

  it('goes down, keeping the offer texts without their step, and up again', async () => {
    const runner = db.dataSource.createQueryRunner();
    try {
      await new AddInreachOfferEvents1764400001800().down(runner);
      await new CreateInreachServices1764400001700().down(runner);
      expect(
        await db.dataSource.query(
          `SELECT to_regclass('referrals.inreach_service') AS t,
                  (SELECT count(*)::int FROM information_schema.columns WHERE table_schema = 'referrals'
                     AND column_name IN ('inreach_service_id', 'offer_id', 'expires_at', 'end_reason')) AS columns,
                  (SELECT count(*)::int FROM referrals.client_care_event WHERE client_id = $1) AS care,
                  (SELECT count(*)::int FROM referrals.client_sms WHERE client_id = $1 AND step IS NULL) AS texts`,
          [clientId],
        ),
      ).toEqual([{ t: null, columns: 0, care: 0, texts: 1 }]);
      await expect(anOfferText()).rejects.toMatchObject(refused('client_sms_step_check'));

      await new CreateInreachServices1764400001700().up(runner);
      await new AddInreachOfferEvents1764400001800().up(runner);
    } finally {
      await runner.release();
    }
    await anOfferEvent('offer_taken');
    await anOfferText();
    // Still append-only.
    await expect(
      db.dataSource.query(`DELETE FROM referrals.client_care_event WHERE client_id = $1`, [clientId]),
    ).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '42501' }) });
  });
});
