import {
  aClientBody,
  aContact,
  aPrincipal,
  codeOf,
  startClientContext,
  type ClientContext,
} from './client-fixture';

/** Contacts, consent and erasure on the real Postgres, with the snapshot events they publish. */
describe('client contacts, consent and erasure on Postgres', () => {
  let ctx: ClientContext;
  const keyworker = aPrincipal();
  const nurse = aPrincipal({ roles: ['nurse'] });
  const elsewhere = aPrincipal({ orgId: 'org-hillcrest', siteIds: ['site-hillcrest'] });
  const newClient = async () => (await ctx.register.execute(keyworker, aClientBody(), undefined)).result;
  const eventsOf = async (clientId: string, type: string) =>
    (await ctx.outboxFor(clientId)).filter((e) => e.type === type).map((e) => e.data);

  beforeAll(async () => {
    ctx = await startClientContext('client_contacts');
  });
  afterAll(() => ctx?.close());

  it('adds, updates and removes contacts, publishing the full list each time', async () => {
    const client = await newClient();
    const { result: mobile } = await ctx.addContact.execute(
      keyworker,
      client.id,
      aContact({ purpose: 'own_mobile', phone: '07700 900123', safeToText: true, verified: true }),
      undefined,
    );
    expect(mobile).toMatchObject({
      phone: '+447700900123',
      verifiedBy: keyworker.userId,
      verifiedAt: expect.any(String),
    });
    ctx.clock.advance(1_000); // contacts are listed oldest first
    const { result: hostel } = await ctx.addContact.execute(
      keyworker,
      client.id,
      aContact({ purpose: 'hostel', phone: '0161 496 0000', label: 'St Anne’s' }),
      undefined,
    );

    ctx.clock.advance(60_000);
    const moved = await ctx.updateContact.execute(nurse, client.id, mobile.contactId, {
      ...aContact({ purpose: 'own_mobile', phone: '07700 900999', safeToText: true, verified: true }),
      version: 1,
    });
    // A new number is verified by whoever verified it now, not inherited.
    expect(moved).toMatchObject({ phone: '+447700900999', verifiedBy: nurse.userId });
    await ctx.removeContact.execute(keyworker, client.id, hostel.contactId);

    const lists = await eventsOf(client.id, 'client.contact-changed.v1');
    expect(lists.map((l) => (l['contacts'] as { phone: string }[]).map((c) => c.phone))).toEqual([
      ['+447700900123'],
      ['+447700900123', '+441614960000'],
      ['+447700900999', '+441614960000'],
      ['+447700900999'],
    ]);
    expect((await ctx.get.execute(keyworker, client.id)).contacts).toEqual([moved]);
    expect(await codeOf(ctx.removeContact.execute(keyworker, client.id, hostel.contactId))).toBe(
      'CLIENT_CONTACT_NOT_FOUND',
    );
    expect(await codeOf(ctx.removeContact.execute(elsewhere, client.id, mobile.contactId))).toBe(
      'CLIENT_NOT_FOUND',
    );
  });

  it('refuses a stale replacement of a contact, so a colleague’s change is never silently undone', async () => {
    const client = await newClient();
    const { result: mobile } = await ctx.addContact.execute(
      keyworker,
      client.id,
      aContact({ purpose: 'own_mobile', phone: '07700 900123', safeToText: true }),
      undefined,
    );
    // Two workers read version 1: one learns the phone is shared and stops texts, the other edits the label.
    const stopTexts = {
      ...aContact({ purpose: 'own_mobile', phone: '07700 900123', safeToText: false }),
      version: 1,
    };
    const relabel = {
      ...aContact({ purpose: 'own_mobile', phone: '07700 900123', safeToText: true, label: 'Own phone' }),
      version: 1,
    };
    const outcomes = await Promise.allSettled([
      ctx.updateContact.execute(keyworker, client.id, mobile.contactId, stopTexts),
      ctx.updateContact.execute(nurse, client.id, mobile.contactId, relabel),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'CLIENT_CONTACT_VERSION_CONFLICT' });
    const [current] = (await ctx.get.execute(keyworker, client.id)).contacts;
    const winner = outcomes.findIndex((o) => o.status === 'fulfilled');
    expect(current).toMatchObject({ version: 2, safeToText: winner === 0 ? false : true });
  });

  it('publishes complete lists even when contacts are added concurrently', async () => {
    const client = await newClient();
    await Promise.all(
      ['07700 900001', '07700 900002', '07700 900003', '07700 900004'].map((phone) =>
        ctx.addContact.execute(keyworker, client.id, aContact({ purpose: 'family', phone }), undefined),
      ),
    );
    const lists = await eventsOf(client.id, 'client.contact-changed.v1');
    expect(lists.map((l) => (l['contacts'] as unknown[]).length)).toEqual([1, 2, 3, 4]);
  });

  it('keeps consent history append-only, with the latest decision per purpose current', async () => {
    const client = await newClient();
    await ctx.recordConsent.execute(keyworker, client.id, 'sms_reminders');
    await ctx.recordConsent.execute(keyworker, client.id, 'share_outcome_with_gp');
    ctx.clock.advance(60_000);
    const current = await ctx.withdrawConsent.execute(nurse, client.id, 'sms_reminders');
    expect(current).toEqual({
      sms_reminders: {
        given: false,
        recordedBy: nurse.userId,
        recordedAt: ctx.clock.now().toISOString(),
      },
      share_outcome_with_gp: { given: true, recordedBy: keyworker.userId, recordedAt: expect.any(String) },
      name_service_in_sms: { given: false, recordedBy: null, recordedAt: null },
    });
    expect(await codeOf(ctx.withdrawConsent.execute(nurse, client.id, 'name_service_in_sms'))).toBe(
      'CLIENT_CONSENT_NOT_GIVEN',
    );
    const events = await eventsOf(client.id, 'client.consent-changed.v1');
    expect(
      events.map((e) => (e['consents'] as Record<string, { given: boolean }>)['sms_reminders']?.given),
    ).toEqual([true, true, false]);
    const rows: { n: string }[] = await ctx.db.dataSource.query(
      `SELECT count(*) AS n FROM referrals.client_consent WHERE client_id = $1`,
      [client.id],
    );
    expect(Number(rows[0]?.n)).toBe(3);
    await expect(
      ctx.db.dataSource.query(`UPDATE referrals.client_consent SET given = true WHERE client_id = $1`, [
        client.id,
      ]),
    ).rejects.toThrow(/append-only/);
  });

  it('erases every phone number of a client, with the reason audited and consumers told', async () => {
    const client = await newClient();
    for (const phone of ['07700 900123', '07700 900456']) {
      await ctx.addContact.execute(keyworker, client.id, aContact({ purpose: 'family', phone }), undefined);
    }
    const other = await newClient();
    await ctx.addContact.execute(
      keyworker,
      other.id,
      aContact({ purpose: 'own_mobile', phone: '07700 900789' }),
      undefined,
    );

    const erased = await ctx.erase.execute(keyworker, client.id, { reason: 'Client asked for erasure' });
    expect(erased).toEqual({ clientId: client.id, contactsErased: 2 });

    const phones: { phone: string }[] = await ctx.db.dataSource.query(
      `SELECT phone FROM referrals.client_contact WHERE client_id = ANY($1)`,
      [[client.id, other.id]],
    );
    expect(phones.map((p) => p.phone)).toEqual(['+447700900789']);
    const tail = (await ctx.outboxFor(client.id)).slice(-2);
    expect(tail.map((e) => [e.type, e.data])).toEqual([
      [
        'client.contact-data-erased.v1',
        { clientId: client.id, erasedBy: keyworker.userId, reason: 'Client asked for erasure' },
      ],
      ['client.contact-changed.v1', { clientId: client.id, contacts: [] }],
    ]);
    const audit = await ctx.auditFor(client.id);
    expect(audit.at(-1)).toEqual({
      action: 'delete',
      subject_type: 'client_contact_data',
      reason: 'Client asked for erasure',
    });
    expect(await codeOf(ctx.erase.execute(elsewhere, client.id, { reason: 'x' }))).toBe('CLIENT_NOT_FOUND');
  });
});
