import { searchClientsQuery } from '../../src/client/search-clients.dto';
import { aClientBody, aPrincipal, startClientContext, type ClientContext } from './client-fixture';

/** Search on the real Postgres: tolerant names, exact NHS number and birth date, pages, scoping, audit. */
describe('client search on Postgres', () => {
  let ctx: ClientContext;
  const keyworker = aPrincipal();
  const elsewhere = aPrincipal({ orgId: 'org-hillcrest', siteIds: ['site-hillcrest'] });
  const search = (q: Record<string, unknown>, principal = keyworker) =>
    ctx.search.execute(principal, searchClientsQuery.parse(q));
  const names = (result: { items: { name: { given: string; family: string } }[] }) =>
    result.items.map((i) => `${i.name.given} ${i.name.family}`);

  beforeAll(async () => {
    ctx = await startClientContext('client_search');
    const register = (given: string, family: string, extra: Record<string, unknown> = {}) =>
      ctx.register.execute(keyworker, aClientBody({ name: { given, family }, ...extra }), undefined);
    await register('Joanne', 'Smith', { nhsNumber: '9434765919', preferredName: 'Jo' });
    await register('John', 'Smithson', { dateOfBirth: '1990-01-15' });
    await register('Mary', "O'Brien", { preferredName: 'Molly', dateOfBirth: '1990-01-15' });
    await register('Percy', '100% Smith');
    for (let i = 0; i < 25; i++) await register(`Client${String(i).padStart(2, '0')}`, 'Paging');
    await ctx.register.execute(
      elsewhere,
      aClientBody({ name: { given: 'Joanne', family: 'Smith' }, siteId: 'site-hillcrest' }),
      undefined,
    );
  });
  afterAll(() => ctx?.close());

  it('ignores case and matches partial names in given, family or preferred name', async () => {
    expect(names(await search({ name: 'SMITH' }))).toEqual([
      'Percy 100% Smith',
      'Joanne Smith',
      'John Smithson',
    ]);
    expect(names(await search({ name: 'jo smi' }))).toEqual(['Joanne Smith', 'John Smithson']);
    expect(names(await search({ name: 'smith jo' }))).toEqual(['Joanne Smith', 'John Smithson']);
    expect(names(await search({ name: 'moll' }))).toEqual(["Mary O'Brien"]);
    expect(names(await search({ name: "o'bri" }))).toEqual(["Mary O'Brien"]);
  });

  it('takes % and _ literally', async () => {
    expect(names(await search({ name: '100%' }))).toEqual(['Percy 100% Smith']);
    expect(names(await search({ name: '%%' }))).toEqual([]);
    expect(names(await search({ name: '__' }))).toEqual([]);
  });

  it('finds by NHS number however it is spaced, and by date of birth, combined with AND', async () => {
    expect(names(await search({ nhsNumber: '943-476-5919' }))).toEqual(['Joanne Smith']);
    expect(names(await search({ dateOfBirth: '1990-01-15' }))).toEqual(["Mary O'Brien", 'John Smithson']);
    expect(names(await search({ dateOfBirth: '1990-01-15', name: 'john' }))).toEqual(['John Smithson']);
  });

  it('pages through results with a total, in a stable order', async () => {
    const first = await search({ name: 'paging', limit: 10 });
    const third = await search({ name: 'paging', limit: 10, offset: 20 });
    expect({ total: first.total, count: first.items.length }).toEqual({ total: 25, count: 10 });
    expect({ total: third.total, count: third.items.length }).toEqual({ total: 25, count: 5 });
    expect(names(first)[0]).toBe('Client00 Paging');
    expect(names(third)).toEqual(
      ['Client20', 'Client21', 'Client22', 'Client23', 'Client24'].map((g) => `${g} Paging`),
    );
  });

  it("shows only the caller's organisation's clients", async () => {
    const theirs = await search({ name: 'joanne' }, elsewhere);
    expect(theirs.total).toBe(1);
    expect(theirs.items[0]?.siteId).toBe('site-hillcrest');
  });

  it('audits one search entry per client returned', async () => {
    const result = await search({ name: 'jo smi' });
    const rows: { client_id: string }[] = await ctx.db.dataSource.query(
      `SELECT client_id FROM referrals.audit_log WHERE action = 'search' AND actor_user_id = $1 AND client_id = ANY($2)`,
      [keyworker.userId, result.items.map((i) => i.id)],
    );
    expect(rows.length).toBeGreaterThanOrEqual(result.items.length);
    const before = rows.length;
    await search({ name: 'jo smi' });
    const after: unknown[] = await ctx.db.dataSource.query(
      `SELECT 1 FROM referrals.audit_log WHERE action = 'search' AND actor_user_id = $1 AND client_id = ANY($2)`,
      [keyworker.userId, result.items.map((i) => i.id)],
    );
    expect(after.length - before).toBe(2);
  });
});
