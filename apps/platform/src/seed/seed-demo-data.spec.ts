import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '@careloop/persistence';
import { eventually } from '@careloop/testing';
import { DEMO_REPORT_SHARE } from './demo-report-share';
import type { RunningServices } from '@careloop/runtime';
import { startPlatform } from '../start-platform';
import { seedDemoData } from './seed-demo-data';

/** What the demo seeds, counted in the services' own tables. */
async function seeded(database: Database): Promise<Record<string, number>> {
  const [counts] = await database.dataSource.query(
    `SELECT (SELECT count(*)::int FROM "booking"."site") AS "bookingSites",
            (SELECT count(*)::int FROM "booking"."availability_rule") AS "availabilityRules",
            (SELECT count(*)::int FROM "inreach"."inreach_service") AS "inreachServices",
            (SELECT count(*)::int FROM "inreach"."session_series") AS "sessionSeries",
            (SELECT count(*)::int FROM "inreach"."session" WHERE "status" = 'published')
              AS "publishedSessions",
            (SELECT count(*)::int FROM "booking"."slot" WHERE "inreach_session_id" IS NOT NULL)
              AS "inreachSlots",
            (SELECT count(DISTINCT "inreach_session_id")::int FROM "booking"."slot") AS "sessionsWithSlots",
            (SELECT count(*)::int FROM "referrals"."referral") AS "referrals",
            (SELECT count(*)::int FROM "referrals"."report_share" WHERE "revoked_at" IS NULL)
              AS "liveReportShares",
            (SELECT count(*)::int FROM "referrals"."referral" r
               JOIN "inreach"."inreach_service" s ON s."id" = r."inreach_service_id")
              AS "referralsToInreachServices"`,
  );
  return counts;
}

/** Riverside's manager stops sharing the report with the council, through the API. */
async function revokeDemoShare(baseUrl: string): Promise<void> {
  const signIn = await fetch(`${baseUrl}/auth/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: DEMO_REPORT_SHARE.manager }),
  });
  const { access_token: token } = (await signIn.json()) as { access_token: string };
  const revoked = await fetch(`${baseUrl}/reports/shares/${DEMO_REPORT_SHARE.commissionerOrgId}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(revoked.status).toBe(200);
}

/** The platform, seeded as at start-up, but here, so that a failed seed still closes it (no hung test). */
async function startSeeded(dataDir: string): Promise<RunningServices> {
  const platform = await startPlatform({
    PORT: '0',
    LOG_LEVEL: 'silent',
    EMBEDDED_DATA_DIR: dataDir,
    SEED_DEMO_DATA: 'false',
  });
  try {
    await seedDemoData(platform.url);
    return platform;
  } catch (error) {
    await platform.close();
    throw error;
  }
}

// The demo on a kept data directory (EMBEDDED_DATA_DIR): starting again replays the seed, adding nothing.
describe('the demo seed on a kept data directory', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'careloop-demo-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts again on the same data without a second copy of anything, nor undoing a revoke', async () => {
    const first = await startSeeded(dataDir);
    let before: Record<string, number>;
    try {
      // Booking makes each published session's slots as its event reaches it over the bus.
      before = await eventually(async () => {
        const counts = await seeded(first.app.get(Database));
        expect(counts.publishedSessions).toBeGreaterThan(0);
        expect(counts.sessionsWithSlots).toBe(counts.publishedSessions);
        return counts;
      });
      // A demo user stops sharing the report: starting again must not share it again.
      await revokeDemoShare(first.url);
    } finally {
      await first.close();
    }
    expect(before).toMatchObject({
      bookingSites: 2,
      availabilityRules: 1,
      inreachServices: 1,
      sessionSeries: 1,
      referrals: 3,
      // The hepatitis C referral joins the seeded clinic's waiting list.
      referralsToInreachServices: 1,
      // Riverside shares its report with the council commissioning it.
      liveReportShares: 1,
    });

    const again = await startSeeded(dataDir);
    try {
      expect(await seeded(again.app.get(Database))).toEqual({ ...before, liveReportShares: 0 });
    } finally {
      await again.close();
    }
  }, 60_000);
});
