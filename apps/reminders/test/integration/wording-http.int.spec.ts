import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { loadRuntimeConfig, startServices, type RunningServices } from '@careloop/runtime';
import {
  createTestDatabase,
  startTestIdentityProvider,
  type TestDatabase,
  type TestIdentityProvider,
} from '@careloop/testing';
import { REMINDERS_SCHEMA } from '../../src/reminders-schema';
import { remindersService } from '../../src/reminders.service';
import { WordingModule } from '../../src/wording/wording.module';

const PROBLEM = /^application\/problem\+json/;

/**
 * The wording API over HTTP with real tokens and Postgres: routes, roles, status codes and
 * problem+json refusals, as a CDAS service manager words the service's texts.
 */
describe('reminder wording over HTTP', () => {
  let testDb: TestDatabase | undefined;
  let idp: TestIdentityProvider | undefined;
  let running: RunningServices | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase('reminders_wording_http');
    idp = await startTestIdentityProvider({ issuer: 'https://idp.careloop.test/' });
    const config = loadRuntimeConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: testDb.url,
      AUTH_ISSUER: idp.issuer,
      AUTH_JWKS_URL: idp.jwksUrl,
    });
    // Reminders with only the wording routes mounted: what this file is about.
    @Module({ imports: [MessagingModule.forService(REMINDERS_SCHEMA), WordingModule] })
    class RoutesUnderTest {}
    running = await startServices(
      [{ ...remindersService, module: RoutesUnderTest, usesScheduler: false }],
      config,
    );
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    await idp?.close();
    await testDb?.drop();
  });

  async function call<T = Record<string, unknown>>(
    who: Principal,
    method: 'GET' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; contentType: string; body: T }> {
    if (!running || !idp) throw new Error('Reminders did not start (see the beforeAll failure)');
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await idp.tokenFor(who)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: (text ? JSON.parse(text) : undefined) as T,
    };
  }

  const staff = (overrides: Partial<Principal>): Principal => ({
    userId: `user-${randomUUID()}`,
    name: 'Priya Shah',
    roles: ['service_manager'],
    orgId: `org-cdas-${randomUUID().slice(0, 8)}`,
    orgKind: 'cdas',
    siteIds: [],
    ...overrides,
  });

  it('a service manager saves a template, sees it beside the default, and resets it', async () => {
    const manager = staff({});
    const saved = await call(manager, 'PUT', '/templates/evening_before', {
      body: 'Hi {name}, see you {when} at {where}. {reply}.',
    });
    expect(saved).toMatchObject({
      status: 200,
      body: { step: 'evening_before', namesService: false, encoding: 'GSM-7', segments: 1, warnings: [] },
    });

    const listed = await call<{ step: string; organisation: unknown; default: { segments: number } }[]>(
      manager,
      'GET',
      '/templates',
    );
    expect(listed.status).toBe(200);
    expect(listed.body.map((s) => [s.step, s.organisation === null])).toEqual([
      ['offer', true],
      ['confirmation', true],
      ['three_days_before', true],
      ['evening_before', false],
      ['two_hours_before', true],
      ['missed', true],
    ]);
    // Every reminder's default fits one segment; the offer, which says by when to answer, two.
    expect(listed.body.map((s) => s.default.segments)).toEqual([2, 1, 1, 1, 1, 1]);

    const admin = staff({ roles: ['admin'], orgId: manager.orgId });
    expect((await call(admin, 'DELETE', '/templates/evening_before')).status).toBe(204);
    const after = await call<{ organisation: unknown }[]>(manager, 'GET', '/templates');
    expect(after.body.every((s) => s.organisation === null)).toBe(true);
  });

  it('refuses a template with 422 naming each problem and its position; a long one is saved with a warning', async () => {
    const manager = staff({});
    const body = 'Hi {name}, your liver clinic is {when}. Text CANCEL to cancel.';
    const refused = await call(manager, 'PUT', '/templates/confirmation', { body });
    expect(refused).toMatchObject({
      status: 422,
      contentType: expect.stringMatching(PROBLEM),
      body: {
        code: 'TEMPLATE_REFUSED',
        problems: [
          {
            code: 'REVEALS_SERVICE',
            text: 'liver',
            start: body.indexOf('liver'),
            end: body.indexOf('liver') + 5,
          },
          { code: 'OPT_OUT_INSTRUCTION', text: 'CANCEL', start: body.indexOf('CANCEL') },
        ],
        warnings: [{ code: 'MAY_PROMPT_OPT_OUT', text: 'cancel' }],
      },
    });
    expect((refused.body as { detail: string }).detail).toContain('"liver" names a condition');

    const twoSegments = await call(manager, 'PUT', '/templates/confirmation', {
      body: `Hi {name}, you're booked in for {when} at {where}. {reply}. Please bring your letter and arrive ten minutes early.`,
    });
    expect(twoSegments).toMatchObject({
      status: 200,
      body: { segments: 2, warnings: [{ code: 'MORE_THAN_ONE_SEGMENT' }] },
    });
  });

  it('words the offer text through the same endpoints: {expires} there only, and it must say by when to answer', async () => {
    const manager = staff({});
    const own = 'Hi {name}, a place is free {when} at {where}. Text YES before {expires} to have it, or NO.';
    expect(await call(manager, 'PUT', '/templates/offer', { body: own })).toMatchObject({
      status: 200,
      body: { step: 'offer', body: own, segments: 1, warnings: [] },
    });
    const listed = await call<{ step: string; organisation: { body: string } | null }[]>(
      manager,
      'GET',
      '/templates',
    );
    expect(listed.body.find((s) => s.step === 'offer')?.organisation).toMatchObject({ body: own });

    const elsewhere = 'Hi {name}, see you {when} at {where}, or answer by {expires}. {reply}.';
    expect(await call(manager, 'PUT', '/templates/evening_before', { body: elsewhere })).toMatchObject({
      status: 422,
      contentType: expect.stringMatching(PROBLEM),
      body: {
        code: 'TEMPLATE_REFUSED',
        problems: [
          { code: 'PLACEHOLDER_NOT_FOR_STEP', text: '{expires}', start: elsewhere.indexOf('{expires}') },
        ],
      },
    });
    const noDeadline = await call(manager, 'PUT', '/templates/offer', {
      body: 'Hi {name}, a place is free {when} at {where}. Text YES to have it.',
    });
    expect(noDeadline).toMatchObject({
      status: 422,
      body: { problems: [{ code: 'OFFER_WITHOUT_DEADLINE' }] },
    });
    // Refusals changed nothing.
    const after = await call<{ step: string; organisation: { body: string } | null }[]>(
      manager,
      'GET',
      '/templates',
    );
    expect(
      after.body.filter((s) => s.organisation !== null).map((s) => [s.step, s.organisation?.body]),
    ).toEqual([['offer', own]]);
  });

  it('words "sorry we missed you" through the same endpoints, linted like the others, and resets it', async () => {
    const manager = staff({});
    const own = 'Hi {name}, we missed you {when}. No problem: want another appointment? {reply}.';
    expect(await call(manager, 'PUT', '/templates/missed', { body: own })).toMatchObject({
      status: 200,
      body: { step: 'missed', body: own, namesService: false, segments: 1, warnings: [] },
    });
    const naming = 'Hi {name}, the needle exchange missed you {when}. {reply}.';
    expect(await call(manager, 'PUT', '/templates/missed', { body: naming })).toMatchObject({
      status: 422,
      contentType: expect.stringMatching(PROBLEM),
      body: { code: 'TEMPLATE_REFUSED', problems: [{ code: 'REVEALS_SERVICE', text: 'needle exchange' }] },
    });
    const listed = await call<{ step: string; organisation: { body: string } | null }[]>(
      manager,
      'GET',
      '/templates',
    );
    expect(listed.body.find((s) => s.step === 'missed')?.organisation).toMatchObject({ body: own });

    const admin = staff({ roles: ['admin'], orgId: manager.orgId });
    expect((await call(admin, 'DELETE', '/templates/missed')).status).toBe(204);
    const after = await call<{ step: string; organisation: unknown }[]>(manager, 'GET', '/templates');
    expect(after.body.find((s) => s.step === 'missed')?.organisation).toBeNull();
  });

  /** A booked appointment of one of the organisation's clients with the provider, as booking sent it. */
  async function anUpcomingAppointment(orgId: string, providerOrgId: string, providerName: string) {
    if (!running) throw new Error('Reminders did not start (see the beforeAll failure)');
    await running.app.get(DataSource).query(
      `INSERT INTO "reminders"."appointment"
         ("appointment_id", "org_id", "client_id", "status", "starts_at", "location", "provider_org_id",
          "provider_name", "service_type", "version", "last_event_at")
       VALUES ($1, $2, $3, 'booked', now() + interval '7 days', 'Outpatients, St Elsewhere Hospital', $4, $5,
               'respiratory', 1, now())`,
      [randomUUID(), orgId, randomUUID(), providerOrgId, providerName],
    );
  }

  it("sets, lists and removes each clinic's location text within its trust, refusing one that names the service", async () => {
    const manager = staff({});
    const chestClinic = { providerOrgId: 'org-st-elsewhere', providerName: 'Chest clinic' };
    const fractureClinic = { providerOrgId: 'org-st-elsewhere', providerName: 'Fracture clinic' };
    const saved = await call(manager, 'PUT', '/provider-locations', {
      ...chestClinic,
      text: 'Outpatients B, St Elsewhere Hospital',
    });
    expect(saved).toMatchObject({
      status: 200,
      body: {
        ...chestClinic,
        text: 'Outpatients B, St Elsewhere Hospital',
        whereInTexts: 'Outpatients B, St Elsewhere Hospital',
        locationWithheld: false,
        updatedBy: manager.userId,
      },
    });
    const refused = await call(manager, 'PUT', '/provider-locations', {
      ...chestClinic,
      text: 'Respiratory clinic, Outpatients B',
    });
    expect(refused).toMatchObject({
      status: 422,
      body: { code: 'LOCATION_TEXT_REFUSED', problems: [{ code: 'REVEALS_SERVICE', start: 0, end: 11 }] },
    });
    expect(
      (await call(manager, 'PUT', '/provider-locations', { ...fractureClinic, text: 'Outpatients D' }))
        .status,
    ).toBe(200);
    const byName = await call(manager, 'PUT', '/provider-locations', {
      providerName: 'Chest clinic',
      text: 'Level 2, Lower Road',
    });
    expect(byName).toMatchObject({
      status: 200,
      body: { providerOrgId: null, providerName: 'Chest clinic' },
    });
    const listed = async () =>
      (
        await call<{ providerOrgId: string | null; providerName: string; text: string }[]>(
          manager,
          'GET',
          '/provider-locations',
        )
      ).body.map((p) => [p.providerOrgId, p.providerName, p.text]);
    expect(await listed()).toEqual([
      [null, 'Chest clinic', 'Level 2, Lower Road'],
      ['org-st-elsewhere', 'Chest clinic', 'Outpatients B, St Elsewhere Hospital'],
      ['org-st-elsewhere', 'Fracture clinic', 'Outpatients D'],
    ]);

    const chestQuery = `providerOrgId=org-st-elsewhere&providerName=${encodeURIComponent('Chest clinic')}`;
    expect((await call(manager, 'DELETE', `/provider-locations?${chestQuery}`)).status).toBe(204);
    expect(await listed()).toEqual([
      [null, 'Chest clinic', 'Level 2, Lower Road'],
      ['org-st-elsewhere', 'Fracture clinic', 'Outpatients D'],
    ]);
    const rest = await call(
      manager,
      'DELETE',
      `/provider-locations?providerName=${encodeURIComponent('Chest clinic')}`,
    );
    expect(rest.status).toBe(204);
    expect(await listed()).toEqual([['org-st-elsewhere', 'Fracture clinic', 'Outpatients D']]);
  });

  it('answers 422 naming the providerOrgId to use when a text by name alone would apply to no upcoming appointment', async () => {
    const manager = staff({});
    await anUpcomingAppointment(manager.orgId, 'org-st-elsewhere', 'Fracture clinic');
    const refused = await call(manager, 'PUT', '/provider-locations', {
      providerName: 'Fracture clinic',
      text: 'Outpatients D',
    });
    expect(refused).toMatchObject({
      status: 422,
      contentType: expect.stringMatching(PROBLEM),
      body: {
        code: 'PROVIDER_ORG_ID_NEEDED',
        providerName: 'Fracture clinic',
        providerOrgIds: ['org-st-elsewhere'],
        detail: expect.stringContaining('providerOrgId "org-st-elsewhere"'),
      },
    });
    expect((await call(manager, 'GET', '/provider-locations')).body).toEqual([
      expect.objectContaining({
        providerOrgId: 'org-st-elsewhere',
        providerName: 'Fracture clinic',
        text: null,
      }),
    ]);
  });

  it('refuses a provider location body or query without providerName, or with a blank providerOrgId, changing nothing', async () => {
    const manager = staff({});
    const text = 'Outpatients B, St Elsewhere Hospital';
    const chestClinic = { providerOrgId: 'org-st-elsewhere', providerName: 'Chest clinic' };
    expect((await call(manager, 'PUT', '/provider-locations', { ...chestClinic, text })).status).toBe(200);
    const invalid = (where: 'body' | 'query', path: string, message: string) => ({
      status: 400,
      contentType: expect.stringMatching(PROBLEM),
      body: { code: 'VALIDATION_FAILED', errors: [{ path, in: where, message }] },
    });
    const needsName = (where: 'body' | 'query') =>
      invalid(
        where,
        'providerName',
        'Give providerName: the provider (clinic) as appointments name it, such as "Fracture clinic"',
      );
    expect(
      await call(manager, 'PUT', '/provider-locations', {
        providerOrgId: 'org-st-elsewhere',
        text: 'Elsewhere',
      }),
    ).toMatchObject(needsName('body'));
    expect(
      await call(manager, 'PUT', '/provider-locations', {
        ...chestClinic,
        providerOrgId: ' ',
        text: 'Elsewhere',
      }),
    ).toMatchObject(
      invalid(
        'body',
        'providerOrgId',
        'providerOrgId cannot be blank: leave it out for appointments that carry none',
      ),
    );
    expect(await call(manager, 'DELETE', '/provider-locations')).toMatchObject(needsName('query'));
    expect(await call(manager, 'DELETE', '/provider-locations?providerOrgId=org-st-elsewhere')).toMatchObject(
      needsName('query'),
    );

    const listed = await call<{ providerOrgId: string; providerName: string; text: string }[]>(
      manager,
      'GET',
      '/provider-locations',
    );
    expect(listed.body.map((p) => [p.providerOrgId, p.providerName, p.text])).toEqual([
      ['org-st-elsewhere', 'Chest clinic', text],
    ]);
  });

  it('refuses keyworkers, hospital staff, unknown steps and malformed bodies, changing nothing', async () => {
    const manager = staff({});
    const template = { body: 'Hi {name}, {when} at {where}. {reply}.' };
    expect(
      (
        await call(
          staff({ roles: ['drug_worker'], orgId: manager.orgId }),
          'PUT',
          '/templates/confirmation',
          template,
        )
      ).status,
    ).toBe(403);
    expect((await call(staff({ roles: ['drug_worker'] }), 'GET', '/templates')).status).toBe(403);
    const hospitalAdmin = staff({ roles: ['admin'], orgKind: 'hospital' });
    const fromHospital = await call(hospitalAdmin, 'PUT', '/templates/confirmation', template);
    expect(fromHospital).toMatchObject({ status: 403, contentType: expect.stringMatching(PROBLEM) });

    expect(await call(manager, 'PUT', '/templates/the_day_after', template)).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
    expect((await call(manager, 'PUT', '/templates/confirmation', { ...template, sender: 'x' })).status).toBe(
      400,
    );
    expect((await call(manager, 'PUT', '/templates/confirmation', { body: 42 })).status).toBe(400);
    expect((await call(manager, 'PUT', '/provider-locations', { text: 'Outpatients B' })).status).toBe(400);

    const listed = await call<{ organisation: unknown }[]>(manager, 'GET', '/templates');
    expect(listed.body.every((s) => s.organisation === null)).toBe(true);
  });
});
