import { randomUUID } from 'node:crypto';
import {
  aClientBody,
  anUpdate,
  aPrincipal,
  codeOf,
  startClientContext,
  type ClientContext,
} from './client-fixture';

/** Registering, reading and changing clients on the real Postgres: versions, NHS numbers, events, audit. */
describe('clients on Postgres', () => {
  let ctx: ClientContext;
  const keyworker = aPrincipal();
  const colleague = aPrincipal({ name: 'Priya Shah', roles: ['nurse'] });
  const elsewhere = aPrincipal({ orgId: 'org-hillcrest', siteIds: ['site-hillcrest'] });

  beforeAll(async () => {
    ctx = await startClientContext('clients');
  });
  afterAll(() => ctx?.close());

  it('registers a client at version 1 with its snapshot event and audit entry in the same transaction', async () => {
    const { result: client } = await ctx.register.execute(
      keyworker,
      aClientBody({
        nhsNumber: '943 476 5919',
        preferredName: 'Jo',
        gpPracticeOds: 'a81001',
        flags: { noFixedAbode: true, interpreterNeeded: true, interpreterLanguage: 'Polish' },
        attendancePattern: [{ day: 'tue', from: '09:00', to: '11:00' }],
      }),
      undefined,
    );
    expect(client).toMatchObject({
      version: 1,
      nhsNumber: '9434765919',
      keyworkerId: keyworker.userId,
      gpPracticeOds: 'A81001',
      contacts: [],
      consents: { sms_reminders: { given: false, recordedBy: null, recordedAt: null } },
    });
    const events = await ctx.outboxFor(client.id);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'client.registered.v1',
        subjectId: client.id,
        orgId: keyworker.orgId,
        data: {
          clientId: client.id,
          version: 1,
          name: { given: 'Joanne', family: 'Smith' },
          preferredName: 'Jo',
          dateOfBirth: '1978-04-02',
          nhsNumber: '9434765919',
          keyworkerId: keyworker.userId,
          siteId: 'site-hub',
          gpPracticeOds: 'A81001',
          flags: {
            noFixedAbode: true,
            recentlyReleasedFromPrison: false,
            interpreterNeeded: true,
            interpreterLanguage: 'Polish',
          },
          attendancePattern: [{ day: 'tue', from: '09:00', to: '11:00' }],
        },
      }),
    ]);
    expect((await ctx.auditFor(client.id)).map((a) => a.action)).toEqual(['create']);

    expect(await ctx.get.execute(colleague, client.id)).toEqual(client);
    expect((await ctx.auditFor(client.id)).map((a) => a.action)).toEqual(['create', 'read']);
    expect(await codeOf(ctx.get.execute(elsewhere, client.id))).toBe('CLIENT_NOT_FOUND');
  });

  it('refuses a site that is not one of the caller’s and a birth date in the future, writing nothing', async () => {
    expect(
      await codeOf(ctx.register.execute(keyworker, aClientBody({ siteId: 'site-hillcrest' }), undefined)),
    ).toBe('CLIENT_SITE_NOT_ALLOWED');
    expect(
      await codeOf(ctx.register.execute(keyworker, aClientBody({ dateOfBirth: '2026-11-03' }), undefined)),
    ).toBe('CLIENT_DATE_OF_BIRTH_IN_FUTURE');
  });

  describe('optimistic versioning', () => {
    it('applies an update from the current version and refuses a stale one, changing nothing', async () => {
      const { result: client } = await ctx.register.execute(keyworker, aClientBody(), undefined);
      const updated = await ctx.update.execute(
        keyworker,
        client.id,
        anUpdate({ version: 1, preferredName: 'Jo' }),
      );
      expect(updated).toMatchObject({ version: 2, preferredName: 'Jo' });

      const stale = await codeOf(
        ctx.update.execute(colleague, client.id, anUpdate({ version: 1, name: { given: 'J', family: 'S' } })),
      );
      expect(stale).toBe('CLIENT_VERSION_CONFLICT');
      expect(await ctx.get.execute(keyworker, client.id)).toMatchObject({
        version: 2,
        name: { given: 'Joanne', family: 'Smith' },
      });
      expect((await ctx.outboxFor(client.id)).map((e) => [e.type, e.data['version']])).toEqual([
        ['client.registered.v1', 1],
        ['client.updated.v1', 2],
      ]);
    });

    it('lets exactly one of several concurrent updates from the same version through, and loses no write', async () => {
      const { result: client } = await ctx.register.execute(keyworker, aClientBody(), undefined);
      const writers = Array.from({ length: 6 }, (_, i) => aPrincipal({ userId: `writer-${i}` }));
      const outcomes = await Promise.all(
        writers.map((w, i) =>
          codeOf(ctx.update.execute(w, client.id, anUpdate({ version: 1, preferredName: `Name ${i}` }))),
        ),
      );
      expect(outcomes.filter((o) => o === 'resolved')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'CLIENT_VERSION_CONFLICT')).toHaveLength(5);
      const winner = outcomes.indexOf('resolved');

      const after = await ctx.get.execute(keyworker, client.id);
      expect(after).toMatchObject({ version: 2, preferredName: `Name ${winner}` });
      const updates = (await ctx.outboxFor(client.id)).filter((e) => e.type === 'client.updated.v1');
      expect(updates.map((e) => [e.data['version'], e.data['preferredName']])).toEqual([
        [2, `Name ${winner}`],
      ]);

      // The next change builds on the winner's, from version 2.
      const next = await ctx.update.execute(
        keyworker,
        client.id,
        anUpdate({ version: 2, gpPracticeOds: 'B82002' }),
      );
      expect(next).toMatchObject({ version: 3, preferredName: `Name ${winner}`, gpPracticeOds: 'B82002' });
    });

    it('answers an unknown or foreign client with CLIENT_NOT_FOUND, not a conflict', async () => {
      const { result: client } = await ctx.register.execute(keyworker, aClientBody(), undefined);
      expect(
        await codeOf(ctx.update.execute(elsewhere, client.id, anUpdate({ version: 1, preferredName: 'X' }))),
      ).toBe('CLIENT_NOT_FOUND');
      expect(
        await codeOf(
          ctx.update.execute(keyworker, randomUUID(), anUpdate({ version: 1, preferredName: 'X' })),
        ),
      ).toBe('CLIENT_NOT_FOUND');
    });
  });

  describe('NHS numbers', () => {
    const nhs = '401 023 2137';

    it('are unique within an organisation, including under concurrent registration, but not across organisations', async () => {
      const racers = await Promise.all(
        [keyworker, colleague, keyworker].map((p) =>
          codeOf(ctx.register.execute(p, aClientBody({ nhsNumber: nhs }), undefined)),
        ),
      );
      expect(racers.sort()).toEqual(['CLIENT_NHS_NUMBER_IN_USE', 'CLIENT_NHS_NUMBER_IN_USE', 'resolved']);

      const { result: theirs } = await ctx.register.execute(
        elsewhere,
        aClientBody({ nhsNumber: nhs, siteId: 'site-hillcrest' }),
        undefined,
      );
      expect(theirs.nhsNumber).toBe('4010232137');

      const { result: other } = await ctx.register.execute(keyworker, aClientBody(), undefined);
      expect(
        await codeOf(ctx.update.execute(keyworker, other.id, anUpdate({ version: 1, nhsNumber: nhs }))),
      ).toBe('CLIENT_NHS_NUMBER_IN_USE');
      expect((await ctx.get.execute(keyworker, other.id)).version).toBe(1);
    });

    it('may be absent for any number of clients', async () => {
      await ctx.register.execute(keyworker, aClientBody({ nhsNumber: null }), undefined);
      await ctx.register.execute(keyworker, aClientBody(), undefined);
    });
  });

  it('replays a registration sent again with the same Idempotency-Key, keeping no personal data in the key row', async () => {
    const key = randomUUID();
    const body = aClientBody({ name: { given: 'Idem', family: 'Potent' } });
    const first = await ctx.register.execute(keyworker, body, key);
    const again = await ctx.register.execute(keyworker, body, key);
    expect(again).toEqual({ result: first.result, replayed: true });
    const rows: { response: unknown }[] = await ctx.db.dataSource.query(
      `SELECT response FROM referrals.idempotency_keys WHERE key = $1`,
      [key],
    );
    expect(rows.map((r) => r.response)).toEqual([{ clientId: first.result.id }]);
  });
});
