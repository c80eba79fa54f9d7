import { randomUUID } from 'node:crypto';
import type { Database } from '@careloop/persistence';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import { CreateReminders1764400003000 } from '../../src/migrations/1764400003000-create-reminders';
import { ProviderLocationByOrganisation1764400003100 } from '../../src/migrations/1764400003100-provider-location-by-organisation';
import { ReminderWording } from '../../src/wording/reminder-wording';
import { openRemindersSchema, openRemindersSchemaUpTo } from '../support/reminders-database';

const CDAS = 'org-riverside-cdas';
const OTHER_CDAS = 'org-northgate-cdas';
// As booking sends them: the whole organisation as providerOrgId, the clinic's schedule name as providerName.
const TRUST = 'org-st-elsewhere';
const DRUG_SERVICE = 'org-riverside-recovery';

/** Texts saved by provider name before migration 1764400003100, in the old shape. */
const OLD_TEXTS: [orgId: string, providerName: string, text: string][] = [
  // Two clinics of one trust, and two in-reach services of one drug service: each keeps its own.
  [CDAS, 'Chest clinic', 'Outpatients B, St Elsewhere Hospital'],
  [CDAS, 'Fracture clinic', 'Outpatients D, St Elsewhere Hospital'],
  [CDAS, 'Hep C nurse', 'Room 3, Riverside Centre'],
  [CDAS, 'Sexual health in-reach', 'Room 5, Riverside Centre'],
  // Namesakes at two organisations: which one it was meant for is unknown, so it stays by name.
  [CDAS, 'Riverside Surgery', 'Quay Street'],
  // Also booked from older events without an organisation: copied, and kept by name for those.
  [CDAS, 'Diabetes clinic', 'Outpatients A, St Elsewhere Hospital'],
  // No appointment at all, and another CDAS's text (its appointments say nothing): both stay by name.
  [CDAS, 'Quayside Dental', '1 Quay Street'],
  [OTHER_CDAS, 'Fracture clinic', 'Northgate Hospital, Level 1'],
];

/**
 * Location texts saved by provider name before migration 1764400003100 are copied to the provider's
 * organisation and name where the CDAS's appointments tie the name to exactly one organisation; no
 * text is merged into another or lost, and a text by name stays wherever appointments still need it.
 */
describe('reminders migration 1764400003100 on location texts kept by provider name', () => {
  let testDb: TestDatabase;
  let db: Database | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase('reminders_location_migration');
    const old = await openRemindersSchemaUpTo(testDb.url, CreateReminders1764400003000);
    try {
      const q = (sql: string, params: unknown[]) => old.dataSource.query(sql, params);
      for (const [orgId, providerName, text] of OLD_TEXTS) {
        await q(
          `INSERT INTO "reminders"."provider_location"
             ("org_id", "provider_name", "text", "updated_by", "updated_at")
           VALUES ($1, $2, $3, 'priya.shah', '2026-05-01T09:00:00Z')`,
          [orgId, providerName, text],
        );
      }
      const appointment = (providerOrgId: string | null, providerName: string) =>
        q(
          `INSERT INTO "reminders"."appointment"
             ("appointment_id", "org_id", "client_id", "status", "starts_at", "location", "provider_org_id",
              "provider_name", "service_type", "version", "last_event_at")
           VALUES ($1, $2, $3, 'booked', '2026-06-02T09:30:00Z', 'As booked', $4, $5, 'gp', 1,
                   '2026-05-01T09:00:00Z')`,
          [randomUUID(), CDAS, randomUUID(), providerOrgId, providerName],
        );
      await appointment(TRUST, 'Chest clinic');
      await appointment(TRUST, 'Chest clinic');
      await appointment(TRUST, 'Fracture clinic');
      await appointment(DRUG_SERVICE, 'Hep C nurse');
      await appointment(DRUG_SERVICE, 'Sexual health in-reach');
      await appointment('org-riverside-quay', 'Riverside Surgery');
      await appointment('org-riverside-hill', 'Riverside Surgery');
      await appointment(TRUST, 'Diabetes clinic');
      await appointment(null, 'Diabetes clinic');
    } finally {
      await old.close();
    }
    db = await openRemindersSchema(testDb.url);
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const texts = async () =>
    (await db!.dataSource.query(
      `SELECT "org_id", "provider_org_id", "provider_name", "text" FROM "reminders"."provider_location"
        ORDER BY "org_id", "provider_org_id" NULLS FIRST, "provider_name"`,
    )) as Record<string, unknown>[];
  const row = (orgId: string, providerOrgId: string | null, providerName: string, text: string) => ({
    org_id: orgId,
    provider_org_id: providerOrgId,
    provider_name: providerName,
    text,
  });
  const AFTER_UP = [
    row(OTHER_CDAS, null, 'Fracture clinic', 'Northgate Hospital, Level 1'),
    row(CDAS, null, 'Diabetes clinic', 'Outpatients A, St Elsewhere Hospital'),
    row(CDAS, null, 'Quayside Dental', '1 Quay Street'),
    row(CDAS, null, 'Riverside Surgery', 'Quay Street'),
    row(CDAS, DRUG_SERVICE, 'Hep C nurse', 'Room 3, Riverside Centre'),
    row(CDAS, DRUG_SERVICE, 'Sexual health in-reach', 'Room 5, Riverside Centre'),
    row(CDAS, TRUST, 'Chest clinic', 'Outpatients B, St Elsewhere Hospital'),
    row(CDAS, TRUST, 'Diabetes clinic', 'Outpatients A, St Elsewhere Hospital'),
    row(CDAS, TRUST, 'Fracture clinic', 'Outpatients D, St Elsewhere Hospital'),
  ];

  it("keys each text by its clinic's one organisation and name, else keeps it by name, losing none", async () => {
    const after = await texts();
    expect(after).toEqual(AFTER_UP);
    const kept = new Set(
      after.map((r) => `${String(r['org_id'])}|${String(r['provider_name'])}|${String(r['text'])}`),
    );
    expect(OLD_TEXTS.filter(([orgId, name, text]) => !kept.has(`${orgId}|${name}|${text}`))).toEqual([]);
  });

  it("texts then tell each clinic's clients that clinic's location, never a sibling clinic's", async () => {
    const wording = new ReminderWording(db!.dataSource);
    const whereFor = async (providerOrgId: string | null, providerName: string) =>
      (
        await wording.compose({
          client: { givenName: 'Robert', preferredName: null, nameServiceConsent: false },
          appointment: {
            startsAt: new Date('2026-06-02T09:30:00Z'),
            location: 'As booked',
            providerOrgId,
            providerName,
          },
          orgId: CDAS,
          step: 'three_days_before',
        })
      ).body;
    expect(await whereFor(TRUST, 'Chest clinic')).toContain('at Outpatients B, St Elsewhere Hospital.');
    expect(await whereFor(TRUST, 'Fracture clinic')).toContain('at Outpatients D, St Elsewhere Hospital.');
    expect(await whereFor(DRUG_SERVICE, 'Hep C nurse')).toContain('at Room 3, Riverside Centre.');
    expect(await whereFor(DRUG_SERVICE, 'Sexual health in-reach')).toContain('at Room 5, Riverside Centre.');
    expect(await whereFor(TRUST, 'Diabetes clinic')).toContain('at Outpatients A, St Elsewhere Hospital.');
    expect(await whereFor(null, 'Diabetes clinic')).toContain('at Outpatients A, St Elsewhere Hospital.');
    expect(await whereFor('org-riverside-quay', 'Riverside Surgery')).toContain('at As booked.');
    expect(await whereFor(null, 'Riverside Surgery')).toContain('at Quay Street.');
  });

  it('refuses a second text for one clinic of an organisation, a second by name alone, and one without a name', async () => {
    const insert = (providerOrgId: string | null, providerName: string | null) =>
      db!.dataSource
        .query(
          `INSERT INTO "reminders"."provider_location"
             ("org_id", "provider_org_id", "provider_name", "text", "updated_by", "updated_at")
           VALUES ($1, $2, $3, 'Somewhere', 'priya.shah', now())`,
          [CDAS, providerOrgId, providerName],
        )
        .then(
          () => 'ok',
          (e: { driverError?: { constraint?: string; column?: string } }) =>
            e.driverError?.constraint ?? `not null: ${e.driverError?.column}`,
        );
    expect(await insert(TRUST, 'Chest clinic')).toBe('provider_location_by_provider');
    expect(await insert(null, 'Riverside Surgery')).toBe('provider_location_by_provider');
    expect(await insert(TRUST, null)).toBe('not null: provider_name');
    expect(await texts()).toEqual(AFTER_UP);
  });

  it('comes down to one text per provider name, and goes up again', async () => {
    const runner = db!.dataSource.createQueryRunner();
    try {
      await new ProviderLocationByOrganisation1764400003100().down(runner);
      const columns = await db!.dataSource.query(
        `SELECT column_name FROM information_schema.columns
          WHERE table_schema = 'reminders' AND table_name = 'provider_location' ORDER BY column_name`,
      );
      expect(columns.map((c: { column_name: string }) => c.column_name)).toEqual([
        'org_id',
        'provider_name',
        'text',
        'updated_at',
        'updated_by',
      ]);
      expect(
        await db!.dataSource.query(
          `SELECT "org_id", "provider_name", "text" FROM "reminders"."provider_location"
            ORDER BY "org_id", "provider_name"`,
        ),
      ).toEqual(
        [...OLD_TEXTS]
          .sort(([a, b], [c, d]) => (a === c ? (b < d ? -1 : 1) : a < c ? -1 : 1))
          .map(([org_id, provider_name, text]) => ({ org_id, provider_name, text })),
      );
      await new ProviderLocationByOrganisation1764400003100().up(runner);
    } finally {
      await runner.release();
    }
    expect(await texts()).toEqual(AFTER_UP);
  });
});
