import { randomUUID } from 'node:crypto';
import type { Principal } from '@careloop/auth';
import type { ReminderStep } from '@careloop/contracts';
import { DomainError } from '@careloop/http';
import { Database } from '@careloop/persistence';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { remindersService } from '../../src/reminders.service';
import type { ComposeRequest } from '../../src/wording/compose-wording';
import { DEFAULT_TEMPLATES, WITHHELD_LOCATION } from '../../src/wording/default-templates';
import { ListProviderLocations } from '../../src/wording/list-provider-locations';
import { ListTemplates } from '../../src/wording/list-templates';
import { ReminderWording } from '../../src/wording/reminder-wording';
import { RemoveProviderLocation } from '../../src/wording/remove-provider-location';
import { ResetTemplate } from '../../src/wording/reset-template';
import { SaveProviderLocation } from '../../src/wording/save-provider-location';
import { SaveTemplate } from '../../src/wording/save-template';
import { saveTemplateBody } from '../../src/wording/wording.dto';

const QUIET = { info: () => undefined, warn: () => undefined };

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
      providerName?: string;
      location?: string;
    } = {},
  ): ComposeRequest => ({
    client: { givenName: 'Robert', preferredName: 'Bobby', nameServiceConsent: overrides.consent ?? false },
    appointment: {
      startsAt: new Date('2026-06-02T09:30:00Z'),
      location: overrides.location ?? 'Outpatients B, St Elsewhere Hospital',
      providerName: overrides.providerName ?? 'Chest clinic',
    },
    orgId,
    step: overrides.step ?? 'three_days_before',
  });

  async function anUpcomingAppointment(
    orgId: string,
    providerName: string,
    location: string,
    startsAt: string,
  ) {
    await db!.dataSource.query(
      `INSERT INTO "reminders"."appointment"
         ("appointment_id", "org_id", "client_id", "status", "starts_at", "location", "provider_name",
          "service_type", "version", "last_event_at")
       VALUES ($1, $2, $3, 'booked', $4, $5, $6, 'respiratory', 1, $7)`,
      [randomUUID(), orgId, randomUUID(), startsAt, location, providerName, clock.now()],
    );
  }

  describe('templates', () => {
    it('lists the defaults for every step until the organisation saves its own, with their size', async () => {
      const listed = await listTemplates.execute(aManager());
      expect(listed.map((s) => s.step)).toEqual([
        'confirmation',
        'three_days_before',
        'evening_before',
        'two_hours_before',
      ]);
      for (const step of listed) {
        expect(step).toEqual({
          step: step.step,
          default: {
            body: DEFAULT_TEMPLATES[step.step],
            namesService: false,
            encoding: 'GSM-7',
            segments: 1,
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
    it('lists providers with upcoming appointments and their location, flagging one that would be withheld', async () => {
      const manager = aManager();
      await anUpcomingAppointment(
        manager.orgId,
        'Chest clinic',
        'Outpatients B, St Elsewhere Hospital',
        '2026-06-02T09:30:00Z',
      );
      await anUpcomingAppointment(
        manager.orgId,
        'Chest clinic',
        'Outpatients C, St Elsewhere Hospital',
        '2026-07-02T09:30:00Z',
      );
      await anUpcomingAppointment(
        manager.orgId,
        'Hep C nurse',
        'Riverside Recovery Centre, Mill Lane',
        '2026-06-03T09:30:00Z',
      );
      await anUpcomingAppointment(manager.orgId, 'Old clinic', 'Somewhere else', '2026-05-01T09:30:00Z');
      await anUpcomingAppointment(
        aManager().orgId,
        'Elsewhere',
        'Another organisation',
        '2026-06-02T09:30:00Z',
      );

      expect(await listLocations.execute(manager)).toEqual([
        {
          providerName: 'Chest clinic',
          text: null,
          updatedBy: null,
          updatedAt: null,
          upcomingLocation: 'Outpatients B, St Elsewhere Hospital',
          locationWithheld: false,
        },
        {
          providerName: 'Hep C nurse',
          text: null,
          updatedBy: null,
          updatedAt: null,
          upcomingLocation: 'Riverside Recovery Centre, Mill Lane',
          locationWithheld: true,
        },
      ]);

      const saved = await saveLocation.execute(manager, {
        providerName: 'Hep C nurse',
        text: ' Riverside Centre, Mill Lane ',
      });
      expect(saved).toEqual({
        providerName: 'Hep C nurse',
        text: 'Riverside Centre, Mill Lane',
        updatedBy: manager.userId,
        updatedAt: clock.now().toISOString(),
        upcomingLocation: 'Riverside Recovery Centre, Mill Lane',
        locationWithheld: false,
        warnings: [],
      });
      expect((await listLocations.execute(manager)).map((p) => [p.providerName, p.text])).toEqual([
        ['Chest clinic', null],
        ['Hep C nurse', 'Riverside Centre, Mill Lane'],
      ]);
    });

    it('refuses a location text that names the service and keeps the one before', async () => {
      const manager = aManager();
      await saveLocation.execute(manager, { providerName: 'Hep C nurse', text: 'Mill Lane Centre' });
      const error = await refusal(
        saveLocation.execute(manager, { providerName: 'Hep C nurse', text: 'Mill Lane Drug Service' }),
      );
      expect(error).toMatchObject({ status: 422, code: 'LOCATION_TEXT_REFUSED' });
      expect(error.extensions.problems).toEqual([
        expect.objectContaining({ code: 'REVEALS_SERVICE', text: 'Drug Service', start: 10, end: 22 }),
      ]);
      expect((await listLocations.execute(manager)).map((p) => p.text)).toEqual(['Mill Lane Centre']);
    });

    it('removes a location text, and removing it again is harmless', async () => {
      const manager = aManager();
      await saveLocation.execute(manager, { providerName: 'Chest clinic', text: 'Outpatients B' });
      await removeLocation.execute(manager, 'Chest clinic');
      await removeLocation.execute(manager, 'Chest clinic');
      expect(await listLocations.execute(manager)).toEqual([]);
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
      await saveLocation.execute(manager, {
        providerName: 'Chest clinic',
        text: 'Level 2, Northgate Health Centre',
      });

      const composed = await wording.compose(request(manager.orgId, { step: 'evening_before' }));
      expect(composed).toMatchObject({
        body: 'Evening Bobby. Tue 2 Jun at 10:30, Level 2, Northgate Health Centre. Reply Y to confirm or N to change it.',
        source: 'organisation',
      });
      // Another step, another provider: the default and the appointment's own location.
      expect(
        await wording.compose(request(manager.orgId, { step: 'confirmation', providerName: 'Dr Sam Patel' })),
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
