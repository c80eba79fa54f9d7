import { randomUUID } from 'node:crypto';
import type { Principal } from '@careloop/auth';
import type { ReminderStep } from '@careloop/contracts';
import { DomainError } from '@careloop/http';
import { Database } from '@careloop/persistence';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { remindersService } from '../../src/reminders.service';
import type { ComposeRequest } from '../../src/wording/compose-wording';
import { DEFAULT_SEGMENTS, DEFAULT_TEMPLATES, WITHHELD_LOCATION } from '../../src/wording/default-templates';
import { ListProviderLocations } from '../../src/wording/list-provider-locations';
import { ListTemplates } from '../../src/wording/list-templates';
import { ReminderWording } from '../../src/wording/reminder-wording';
import { RemoveProviderLocation } from '../../src/wording/remove-provider-location';
import { ResetTemplate } from '../../src/wording/reset-template';
import { SaveProviderLocation } from '../../src/wording/save-provider-location';
import { SaveTemplate } from '../../src/wording/save-template';
import { saveTemplateBody } from '../../src/wording/wording.dto';

const QUIET = { info: () => undefined, warn: () => undefined };
const ST_ELSEWHERE = 'org-st-elsewhere';
// As booking gives them: the organisation (a trust, a drug service) and the clinic's schedule name.
const CHEST_CLINIC = { providerOrgId: ST_ELSEWHERE, providerName: 'Chest clinic' };
const FRACTURE_CLINIC = { providerOrgId: ST_ELSEWHERE, providerName: 'Fracture clinic' };
const RIVERSIDE_RECOVERY = 'org-riverside-recovery';
const HEP_C_NURSE = { providerOrgId: RIVERSIDE_RECOVERY, providerName: 'Hep C nurse' };
const SEXUAL_HEALTH_INREACH = { providerOrgId: RIVERSIDE_RECOVERY, providerName: 'Sexual health in-reach' };

/**
 * Reminder wording on the real Postgres: a service manager saves, lists and resets templates and
 * provider location texts for their organisation; ReminderWording composes each client's text from
 * what was saved, never naming the service to a client who did not agree to that.
 */
describe('reminder wording', () => {
  let testDb: TestDatabase | undefined;
  let db: Database | undefined;
  const clock = new ManualClock('2026-05-20T09:00:00Z');
  let saveTemplate: SaveTemplate;
  let listTemplates: ListTemplates;
  let resetTemplate: ResetTemplate;
  let saveLocation: SaveProviderLocation;
  let listLocations: ListProviderLocations;
  let removeLocation: RemoveProviderLocation;
  let wording: ReminderWording;

  beforeAll(async () => {
    testDb = await createTestDatabase('reminders_wording');
    db = await Database.open({ url: testDb.url, logger: QUIET }, [remindersService.database]);
    const { dataSource } = db;
    saveTemplate = new SaveTemplate(dataSource, clock);
    listTemplates = new ListTemplates(dataSource);
    resetTemplate = new ResetTemplate(dataSource);
    saveLocation = new SaveProviderLocation(dataSource, clock);
    listLocations = new ListProviderLocations(dataSource, clock);
    removeLocation = new RemoveProviderLocation(dataSource);
    wording = new ReminderWording(dataSource);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  /** A service manager of a CDAS of their own, so tests never see each other's wording. */
  const aManager = (): Principal => ({
    userId: `user-${randomUUID()}`,
    name: 'Priya Shah',
    roles: ['service_manager'],
    orgId: `org-cdas-${randomUUID().slice(0, 8)}`,
    orgKind: 'cdas',
    siteIds: [],
  });

  const save = (manager: Principal, step: ReminderStep, body: unknown) =>
    saveTemplate.execute(manager, step, saveTemplateBody.parse(body));

  const rows = async (sql: string, params: unknown[]) =>
    (await db!.dataSource.query(sql, params)) as Record<string, unknown>[];

  async function refusal(work: Promise<unknown>): Promise<DomainError> {
    const error: unknown = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof DomainError)) throw new Error(`Expected a refusal, got ${String(error)}`);
    return error;
  }

  const request = (
    orgId: string,
    overrides: {
      step?: ReminderStep;
      consent?: boolean;
      providerOrgId?: string | null;
      providerName?: string;
      location?: string;
    } = {},
  ): ComposeRequest => ({
    client: { givenName: 'Robert', preferredName: 'Bobby', nameServiceConsent: overrides.consent ?? false },
    appointment: {
      startsAt: new Date('2026-06-02T09:30:00Z'),
      location: overrides.location ?? 'Outpatients B, St Elsewhere Hospital',
      providerOrgId: overrides.providerOrgId === undefined ? ST_ELSEWHERE : overrides.providerOrgId,
      providerName: overrides.providerName ?? 'Chest clinic',
    },
    orgId,
    step: overrides.step ?? 'three_days_before',
  });

  /** A booked appointment of one of the organisation's clients; providerOrgId null as older events gave it. */
  async function anUpcomingAppointment(
    orgId: string,
    provider: { providerOrgId: string | null; providerName: string },
    location: string,
    startsAt: string,
  ) {
    await db!.dataSource.query(
      `INSERT INTO "reminders"."appointment"
         ("appointment_id", "org_id", "client_id", "status", "starts_at", "location", "provider_org_id",
          "provider_name", "service_type", "version", "last_event_at")
       VALUES ($1, $2, $3, 'booked', $4, $5, $6, $7, 'respiratory', 1, $8)`,
      [
        randomUUID(),
        orgId,
        randomUUID(),
        startsAt,
        location,
        provider.providerOrgId,
        provider.providerName,
        clock.now(),
      ],
    );
  }

  describe('templates', () => {
    it('lists the defaults for every step until the organisation saves its own, with their size', async () => {
      const listed = await listTemplates.execute(aManager());
      expect(listed.map((s) => s.step)).toEqual([
        'offer',
        'confirmation',
        'three_days_before',
        'evening_before',
        'two_hours_before',
        'missed',
      ]);
      for (const step of listed) {
        expect(step).toEqual({
          step: step.step,
          default: {
            body: DEFAULT_TEMPLATES[step.step],
            namesService: false,
            encoding: 'GSM-7',
            segments: DEFAULT_SEGMENTS[step.step],
          },
          organisation: null,
        });
      }
    });

    it('saves a template with who and when, replaces it on a second save, and resets it to the default', async () => {
      const manager = aManager();
      const saved = await save(manager, 'evening_before', {
        body: '  Hi {name}, see you {when} at {where}. {reply}.  ',
      });
      expect(saved).toEqual({
        step: 'evening_before',
        body: 'Hi {name}, see you {when} at {where}. {reply}.',
        namesService: false,
        encoding: 'GSM-7',
        segments: 1,
        warnings: [],
        updatedBy: manager.userId,
        updatedAt: '2026-05-20T09:00:00.000Z',
      });

      clock.advance(60_000);
      const editor = { ...aManager(), orgId: manager.orgId };
      await save(editor, 'evening_before', { body: 'Hello {name}: {when}, {where}. {reply}.' });
      const evening = (await listTemplates.execute(manager)).find((s) => s.step === 'evening_before');
      expect(evening?.organisation).toEqual({
        body: 'Hello {name}: {when}, {where}. {reply}.',
        namesService: false,
        encoding: 'GSM-7',
        segments: 1,
        updatedBy: editor.userId,
        updatedAt: '2026-05-20T09:01:00.000Z',
      });
      expect(
        await rows(`SELECT 1 FROM "reminders"."template" WHERE "org_id" = $1`, [manager.orgId]),
      ).toHaveLength(1);

      await resetTemplate.execute(manager, 'evening_before');
      await resetTemplate.execute(manager, 'evening_before');
      expect((await listTemplates.execute(manager)).every((s) => s.organisation === null)).toBe(true);
    });

    it('refuses a template that names the service, listing each problem with its position, and saves nothing', async () => {
      const manager = aManager();
      await save(manager, 'confirmation', { body: 'Hi {name}, booked: {when} at {where}. {reply}.' });
      const body = 'Hi {name}, your methadone review is {when}. Reply STOP to cancel. {wen}';
      const error = await refusal(save(manager, 'confirmation', { body }));
      expect(error.status).toBe(422);
      expect(error.code).toBe('TEMPLATE_REFUSED');
      expect(error.extensions.problems).toEqual([
        expect.objectContaining({
          code: 'REVEALS_SERVICE',
          text: 'methadone',
          start: body.indexOf('methadone'),
        }),
        expect.objectContaining({ code: 'OPT_OUT_INSTRUCTION', text: 'STOP', start: body.indexOf('STOP') }),
        expect.objectContaining({ code: 'UNKNOWN_PLACEHOLDER', text: '{wen}', start: body.indexOf('{wen}') }),
      ]);
      const [row] = await rows(`SELECT "body" FROM "reminders"."template" WHERE "org_id" = $1`, [
        manager.orgId,
      ]);
      expect(row?.['body']).toBe('Hi {name}, booked: {when} at {where}. {reply}.');
    });

    it('saves a template naming the service when marked so, and accepts three segments with a warning but not four', async () => {
      const manager = aManager();
      const naming = await save(manager, 'two_hours_before', {
        body: 'Hi {name}, your drug service appointment: {when} at {where}. {reply}.',
        namesService: true,
      });
      expect(naming).toMatchObject({ namesService: true, warnings: [] });

      const long = `Hi {name}, {when} at {where}. {reply}. ${'Please bring your letter. '.repeat(12)}`;
      const three = await save(manager, 'confirmation', { body: long });
      expect(three).toMatchObject({
        segments: 3,
        warnings: [expect.objectContaining({ code: 'MORE_THAN_ONE_SEGMENT' })],
      });
      const tooLong = `${long}${'Please bring your letter. '.repeat(3)}`;
      const error = await refusal(save(manager, 'confirmation', { body: tooLong }));
      expect(error.extensions.problems).toEqual([expect.objectContaining({ code: 'TOO_MANY_SEGMENTS' })]);
      const confirmation = (await listTemplates.execute(manager)).find((s) => s.step === 'confirmation');
      expect(confirmation?.organisation?.body).toBe(long.trim());
    });
  });

  describe('provider locations', () => {
    const noText = { text: null, updatedBy: null, updatedAt: null };

    it('lists providers with upcoming appointments, what texts will say for {where}, and why a location is withheld', async () => {
      const manager = aManager();
      const { orgId } = manager;
      await anUpcomingAppointment(
        orgId,
        CHEST_CLINIC,
        'Outpatients B, St Elsewhere Hospital',
        '2026-06-02T09:30:00Z',
      );
      await anUpcomingAppointment(
        orgId,
        CHEST_CLINIC,
        'Outpatients C, St Elsewhere Hospital',
        '2026-07-02T09:30:00Z',
      );
      await anUpcomingAppointment(
        orgId,
        HEP_C_NURSE,
        'Riverside Recovery Centre, Mill Lane',
        '2026-06-03T09:30:00Z',
      );
      const ward = { providerOrgId: 'org-northgate', providerName: 'Dr Sam Patel' };
      await anUpcomingAppointment(orgId, ward, 'Bluebell Ward, Northgate Hospital', '2026-06-04T09:30:00Z');
      const past = { providerOrgId: 'org-old', providerName: 'Old clinic' };
      await anUpcomingAppointment(orgId, past, 'Somewhere else', '2026-05-01T09:30:00Z');
      await anUpcomingAppointment(
        aManager().orgId,
        CHEST_CLINIC,
        'Another organisation',
        '2026-06-02T09:30:00Z',
      );

      expect(await listLocations.execute(manager)).toEqual([
        {
          ...CHEST_CLINIC,
          ...noText,
          upcomingLocation: 'Outpatients B, St Elsewhere Hospital',
          whereInTexts: 'Outpatients B, St Elsewhere Hospital',
          locationWithheld: false,
          withheldBecause: null,
        },
        {
          ...ward,
          ...noText,
          upcomingLocation: 'Bluebell Ward, Northgate Hospital',
          whereInTexts: WITHHELD_LOCATION,
          locationWithheld: true,
          withheldBecause: expect.stringMatching(/^"Ward" reads like a hospital department/),
        },
        {
          ...HEP_C_NURSE,
          ...noText,
          upcomingLocation: 'Riverside Recovery Centre, Mill Lane',
          whereInTexts: WITHHELD_LOCATION,
          locationWithheld: true,
          withheldBecause: expect.stringMatching(/^"Recovery" names the service/),
        },
      ]);

      const saved = await saveLocation.execute(manager, {
        ...HEP_C_NURSE,
        text: ' Riverside Centre, Mill Lane ',
      });
      expect(saved).toEqual({
        ...HEP_C_NURSE,
        text: 'Riverside Centre, Mill Lane',
        updatedBy: manager.userId,
        updatedAt: clock.now().toISOString(),
        upcomingLocation: 'Riverside Recovery Centre, Mill Lane',
        whereInTexts: 'Riverside Centre, Mill Lane',
        locationWithheld: false,
        withheldBecause: null,
        warnings: [],
      });
      expect((await listLocations.execute(manager)).map((p) => [p.providerName, p.text])).toEqual([
        ['Chest clinic', null],
        ['Dr Sam Patel', null],
        ['Hep C nurse', 'Riverside Centre, Mill Lane'],
      ]);
    });

    it('keeps a separate text for each clinic of one trust and each in-reach service of one drug service', async () => {
      const manager = aManager();
      const { orgId } = manager;
      const at = '2026-06-02T09:30:00Z';
      await anUpcomingAppointment(orgId, CHEST_CLINIC, 'Outpatients B, St Elsewhere Hospital', at);
      await anUpcomingAppointment(orgId, FRACTURE_CLINIC, 'Fracture Clinic, St Elsewhere Hospital', at);
      await anUpcomingAppointment(orgId, HEP_C_NURSE, 'Riverside Centre, Mill Lane', at);
      await anUpcomingAppointment(orgId, SEXUAL_HEALTH_INREACH, 'Riverside Centre, Mill Lane', at);
      await saveLocation.execute(manager, { ...CHEST_CLINIC, text: 'Outpatients B, St Elsewhere Hospital' });
      await saveLocation.execute(manager, {
        ...FRACTURE_CLINIC,
        text: 'Outpatients D, St Elsewhere Hospital',
      });
      await saveLocation.execute(manager, { ...HEP_C_NURSE, text: 'Room 3, Riverside Centre' });
      await saveLocation.execute(manager, { ...SEXUAL_HEALTH_INREACH, text: 'Room 5, Riverside Centre' });

      expect(
        (await listLocations.execute(manager)).map((p) => [p.providerOrgId, p.providerName, p.text]),
      ).toEqual([
        [ST_ELSEWHERE, 'Chest clinic', 'Outpatients B, St Elsewhere Hospital'],
        [ST_ELSEWHERE, 'Fracture clinic', 'Outpatients D, St Elsewhere Hospital'],
        [RIVERSIDE_RECOVERY, 'Hep C nurse', 'Room 3, Riverside Centre'],
        [RIVERSIDE_RECOVERY, 'Sexual health in-reach', 'Room 5, Riverside Centre'],
      ]);
      const whereFor = async (provider: { providerOrgId: string | null; providerName: string }) =>
        (await wording.compose(request(orgId, { ...provider, location: 'As booked' }))).body;
      expect(await whereFor(CHEST_CLINIC)).toContain('at Outpatients B, St Elsewhere Hospital.');
      expect(await whereFor(FRACTURE_CLINIC)).toContain('at Outpatients D, St Elsewhere Hospital.');
      expect(await whereFor(HEP_C_NURSE)).toContain('at Room 3, Riverside Centre.');
      expect(await whereFor(SEXUAL_HEALTH_INREACH)).toContain('at Room 5, Riverside Centre.');
      // Another clinic of the trust has no text: its own booked location, not a sibling's text.
      expect(await whereFor({ providerOrgId: ST_ELSEWHERE, providerName: 'Diabetes clinic' })).toContain(
        'at As booked.',
      );
      // Changing one clinic's text leaves its sibling's alone.
      await saveLocation.execute(manager, {
        ...FRACTURE_CLINIC,
        text: 'Outpatients E, St Elsewhere Hospital',
      });
      expect(await whereFor(CHEST_CLINIC)).toContain('at Outpatients B, St Elsewhere Hospital.');
      expect(await whereFor(FRACTURE_CLINIC)).toContain('at Outpatients E, St Elsewhere Hospital.');
    });

    it('keeps separate texts for clinics of one name at two organisations', async () => {
      const manager = aManager();
      const { orgId } = manager;
      const quay = { providerOrgId: 'org-riverside-quay', providerName: 'Riverside Surgery' };
      const hill = { providerOrgId: 'org-riverside-hill', providerName: 'Riverside Surgery' };
      await saveLocation.execute(manager, { ...quay, text: '1 Quay Street' });
      await saveLocation.execute(manager, { ...hill, text: '9 Hill Road' });

      const whereFor = async (provider: { providerOrgId: string | null; providerName: string }) =>
        (await wording.compose(request(orgId, provider))).body;
      expect(await whereFor(quay)).toContain('at 1 Quay Street.');
      expect(await whereFor(hill)).toContain('at 9 Hill Road.');
      expect(
        await rows(
          `SELECT "provider_org_id", "provider_name", "text" FROM "reminders"."provider_location"
            WHERE "org_id" = $1 ORDER BY "text"`,
          [orgId],
        ),
      ).toEqual([
        { provider_org_id: quay.providerOrgId, provider_name: 'Riverside Surgery', text: '1 Quay Street' },
        { provider_org_id: hill.providerOrgId, provider_name: 'Riverside Surgery', text: '9 Hill Road' },
      ]);
    });

    it('uses a text kept by name alone only for appointments that carry no provider organisation', async () => {
      const manager = aManager();
      const { orgId } = manager;
      const legacy = { providerOrgId: null, providerName: 'Chest clinic' };
      await anUpcomingAppointment(
        orgId,
        legacy,
        'Outpatients B, St Elsewhere Hospital',
        '2026-06-02T09:30:00Z',
      );
      const byName = await saveLocation.execute(manager, {
        providerName: 'Chest clinic',
        text: 'Lower Road',
      });
      expect(byName).toMatchObject({ ...legacy, text: 'Lower Road', whereInTexts: 'Lower Road' });

      expect((await wording.compose(request(orgId, legacy))).body).toContain('at Lower Road.');
      expect((await wording.compose(request(orgId, CHEST_CLINIC))).body).toContain(
        'at Outpatients B, St Elsewhere Hospital.',
      );

      await saveLocation.execute(manager, { ...CHEST_CLINIC, text: 'Level 2, Lower Road' });
      expect(
        (await listLocations.execute(manager)).map((p) => [p.providerOrgId, p.providerName, p.text]),
      ).toEqual([
        [null, 'Chest clinic', 'Lower Road'],
        [ST_ELSEWHERE, 'Chest clinic', 'Level 2, Lower Road'],
      ]);
      expect((await wording.compose(request(orgId, legacy))).body).toContain('at Lower Road.');
      expect((await wording.compose(request(orgId, CHEST_CLINIC))).body).toContain('at Level 2, Lower Road.');
    });

    it('refuses a text by name alone that no upcoming appointment would use, naming the providerOrgId to give', async () => {
      const manager = aManager();
      const { orgId } = manager;
      const elsewhere = { providerOrgId: 'org-northgate-hospital', providerName: 'Fracture clinic' };
      await anUpcomingAppointment(
        orgId,
        FRACTURE_CLINIC,
        'Outpatients D, St Elsewhere Hospital',
        '2026-06-02T09:30:00Z',
      );
      await anUpcomingAppointment(
        orgId,
        elsewhere,
        'Outpatients 1, Northgate Hospital',
        '2026-06-03T09:30:00Z',
      );
      // A past appointment without an organisation does not make a text by name useful.
      await anUpcomingAppointment(
        orgId,
        { providerOrgId: null, providerName: 'Fracture clinic' },
        'Old',
        '2026-05-01T09:30:00Z',
      );

      const error = await refusal(
        saveLocation.execute(manager, { providerName: 'Fracture clinic', text: 'Outpatients D' }),
      );
      expect(error).toMatchObject({
        status: 422,
        code: 'PROVIDER_ORG_ID_NEEDED',
        extensions: {
          providerName: 'Fracture clinic',
          providerOrgIds: ['org-northgate-hospital', ST_ELSEWHERE],
        },
      });
      expect(error.detail).toContain('providerOrgId "org-northgate-hospital" or "org-st-elsewhere"');
      expect(
        await rows(`SELECT 1 FROM "reminders"."provider_location" WHERE "org_id" = $1`, [orgId]),
      ).toEqual([]);

      expect(
        await saveLocation.execute(manager, { ...FRACTURE_CLINIC, text: 'Outpatients D' }),
      ).toMatchObject({ ...FRACTURE_CLINIC, text: 'Outpatients D' });
    });

    it('refuses a location text that names the service and keeps the one before', async () => {
      const manager = aManager();
      await saveLocation.execute(manager, { ...HEP_C_NURSE, text: 'Mill Lane Centre' });
      const error = await refusal(
        saveLocation.execute(manager, { ...HEP_C_NURSE, text: 'Mill Lane Drug Service' }),
      );
      expect(error).toMatchObject({ status: 422, code: 'LOCATION_TEXT_REFUSED' });
      expect(error.extensions.problems).toEqual([
        expect.objectContaining({ code: 'REVEALS_SERVICE', text: 'Drug Service', start: 10, end: 22 }),
      ]);
      expect((await listLocations.execute(manager)).map((p) => p.text)).toEqual(['Mill Lane Centre']);
    });

    it("removes one clinic's text, by organisation and name or by name alone, and removing it again is harmless", async () => {
      const manager = aManager();
      const byName = { providerOrgId: null, providerName: 'Chest clinic' };
      await saveLocation.execute(manager, { ...CHEST_CLINIC, text: 'Outpatients B' });
      await saveLocation.execute(manager, { ...FRACTURE_CLINIC, text: 'Outpatients D' });
      await saveLocation.execute(manager, { providerName: 'Chest clinic', text: 'Outpatients B' });
      const listed = async () =>
        (await listLocations.execute(manager)).map((p) => [p.providerOrgId, p.providerName]);
      await removeLocation.execute(manager, byName);
      await removeLocation.execute(manager, byName);
      expect(await listed()).toEqual([
        [ST_ELSEWHERE, 'Chest clinic'],
        [ST_ELSEWHERE, 'Fracture clinic'],
      ]);
      await removeLocation.execute(manager, CHEST_CLINIC);
      expect(await listed()).toEqual([[ST_ELSEWHERE, 'Fracture clinic']]);
    });
  });

  describe('composing a text from what the organisation saved', () => {
    it('uses the default with the appointment location when nothing is saved', async () => {
      expect(await wording.compose(request(aManager().orgId))).toEqual({
        body:
          'Hi Bobby, your appointment is on Tue 2 Jun at 10:30 at Outpatients B, St Elsewhere Hospital. ' +
          'Reply Y to confirm or N to change it.',
        encoding: 'GSM-7',
        segments: 1,
        namesService: false,
        source: 'default',
        locationWithheld: false,
      });
    });

    it("uses the organisation's template for that step and its location text for that provider", async () => {
      const manager = aManager();
      await save(manager, 'evening_before', { body: 'Evening {name}. {when}, {where}. {reply}.' });
      await saveLocation.execute(manager, { ...CHEST_CLINIC, text: 'Level 2, Northgate Health Centre' });

      const composed = await wording.compose(request(manager.orgId, { step: 'evening_before' }));
      expect(composed).toMatchObject({
        body: 'Evening Bobby. Tue 2 Jun at 10:30, Level 2, Northgate Health Centre. Reply Y to confirm or N to change it.',
        source: 'organisation',
      });
      // Another step, another clinic of the same trust: the default and the appointment's own location.
      expect(
        await wording.compose(request(manager.orgId, { step: 'confirmation', ...FRACTURE_CLINIC })),
      ).toMatchObject({
        source: 'default',
        body: expect.stringContaining('at Outpatients B, St Elsewhere Hospital.'),
      });
      // Another organisation's wording is never used.
      expect(await wording.compose(request(aManager().orgId, { step: 'evening_before' }))).toMatchObject({
        source: 'default',
      });
    });

    it('names the service only to a client who agreed; others get the default', async () => {
      const manager = aManager();
      await save(manager, 'three_days_before', {
        body: 'Hi {name}, your drug service appointment: {when} at {where}. {reply}.',
        namesService: true,
      });
      expect(await wording.compose(request(manager.orgId, { consent: true }))).toMatchObject({
        body: expect.stringContaining('your drug service appointment'),
        namesService: true,
        source: 'organisation',
      });
      const withoutConsent = await wording.compose(request(manager.orgId, { consent: false }));
      expect(withoutConsent).toMatchObject({ namesService: false, source: 'default' });
      expect(withoutConsent.body).not.toMatch(/drug/i);
    });

    it('withholds a booked location that names the service from a client who did not agree', async () => {
      const orgId = aManager().orgId;
      const location = 'Riverside Recovery Centre, Mill Lane';
      const composed = await wording.compose(request(orgId, { location }));
      expect(composed).toMatchObject({ locationWithheld: true, source: 'default' });
      expect(composed.body).toContain(`at ${WITHHELD_LOCATION}.`);
      expect(composed.body).not.toContain('Recovery');
      expect((await wording.compose(request(orgId, { location, consent: true }))).body).toContain(location);
    });

    it('reads inside the caller’s transaction', async () => {
      const manager = aManager();
      const composed = await db!.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO "reminders"."template" ("org_id", "step", "body", "names_service", "updated_by", "updated_at")
           VALUES ($1, 'confirmation', 'Booked {name}: {when}, {where}. {reply}.', false, 'fixture', now())`,
          [manager.orgId],
        );
        return wording.compose(request(manager.orgId, { step: 'confirmation' }), tx);
      });
      expect(composed.body).toMatch(/^Booked Bobby: Tue 2 Jun at 10:30/);
    });
  });
});
