import { withServiceLogs } from '../support/diagnostics';
import { expectProblem, startNeedsEnvironment, type NeedsEnvironment } from './needs-env';

interface DueList {
  today: string;
  total: number;
  page: number;
  pageSize: number;
  items: {
    clientId: string;
    checkType: string;
    status: string;
    dueOn: string | null;
    lastDoneOn: string | null;
  }[];
}

/** London's date today, as the service computes it. */
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const monthsAgo = (months: number, days = 0) => {
  const d = new Date(`${londonToday()}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe('recall over HTTP: the referrals service on Postgres', () => {
  let env: NeedsEnvironment | undefined;

  beforeAll(async () => {
    env = await startNeedsEnvironment();
  }, 150_000);

  afterAll(async () => {
    await env?.stop();
  }, 60_000);

  const scenario = (name: string, body: (env: NeedsEnvironment) => Promise<void>) =>
    it(
      name,
      withServiceLogs(
        () => [env?.referrals],
        () => body(env!),
      ),
    );

  scenario('service managers set the policy; workers record checks and see who is due', async (e) => {
    const policy = await e.call<{ checkType: string; applies: boolean }[]>('GET', '/recall-policy', {
      token: e.tokens.keyworker,
    });
    expect(policy.status).toBe(200);
    expect(policy.body.filter((p) => p.applies).map((p) => p.checkType)).toEqual([
      'physical_health_check',
      'hepatitis_c_screen',
    ]);
    expectProblem(
      await e.call('PUT', '/recall-policy/hiv_screen', {
        token: e.tokens.keyworker,
        body: { applies: true, intervalMonths: 12 },
      }),
      403,
    );
    const changed = await e.call<{ checkType: string; applies: boolean }[]>(
      'PUT',
      '/recall-policy/physical_health_check',
      {
        token: e.tokens.manager,
        body: { applies: false, intervalMonths: 12 },
      },
    );
    expect(changed.status).toBe(200);
    expect(changed.body.filter((p) => p.applies).map((p) => p.checkType)).toEqual(['hepatitis_c_screen']);
    const badType = await e.call('PUT', '/recall-policy/flu_jab', {
      token: e.tokens.manager,
      body: { applies: true, intervalMonths: 12 },
    });
    expect(expectProblem(badType, 400).errors?.map((i) => [i.path, i.in])).toEqual([['checkType', 'path']]);
    const badInterval = await e.call('PUT', '/recall-policy/hiv_screen', {
      token: e.tokens.manager,
      body: { applies: true, intervalMonths: 0 },
    });
    expect(expectProblem(badInterval, 400).errors?.map((i) => [i.path, i.in])).toEqual([
      ['intervalMonths', 'body'],
    ]);

    const overdue = await e.insertClient();
    const dueSoon = await e.insertClient();
    const upToDate = await e.insertClient();
    const never = await e.insertClient();
    await e.insertClient(e.principals.otherOrg.orgId);
    const record = (clientId: string, doneOn: string) =>
      e.call('POST', `/clients/${clientId}/recall-checks`, {
        token: e.tokens.nurse,
        body: { checkType: 'hepatitis_c_screen', doneOn, resultSummary: 'done' },
      });
    for (const [clientId, doneOn] of [
      [overdue, monthsAgo(13)],
      [dueSoon, monthsAgo(12, 10)],
      [upToDate, monthsAgo(2)],
    ] as const) {
      expect((await record(clientId, doneOn)).status).toBe(201);
    }
    const tomorrow = monthsAgo(0, 1);
    expect(expectProblem(await record(never, tomorrow), 422, 'CHECK_DONE_IN_FUTURE').errors?.[0]?.path).toBe(
      'doneOn',
    );

    const page1 = await e.call<DueList>('GET', '/recall/due?pageSize=2', { token: e.tokens.manager });
    expect(page1.status).toBe(200);
    expect(page1.body).toMatchObject({ today: londonToday(), total: 3, page: 1, pageSize: 2 });
    expect(page1.body.items.map((i) => [i.clientId, i.status])).toEqual([
      [never, 'overdue'],
      [overdue, 'overdue'],
    ]);
    const page2 = await e.call<DueList>('GET', '/recall/due?pageSize=2&page=2', { token: e.tokens.manager });
    expect(page2.body.items.map((i) => [i.clientId, i.status])).toEqual([[dueSoon, 'due_soon']]);
    const soonOnly = await e.call<DueList>('GET', '/recall/due?status=due_soon&withinDays=5', {
      token: e.tokens.keyworker,
    });
    expect(soonOnly.body.total).toBe(0);

    const mine = await e.call<DueList>(`GET`, `/recall/due?keyworkerId=${e.principals.keyworker.userId}`, {
      token: e.tokens.keyworker,
    });
    expect(mine.body.total).toBe(3);
    const theirs = await e.call<DueList>('GET', '/recall/due', { token: e.tokens.otherOrg });
    expect(theirs.body.items.map((i) => i.clientId)).not.toContain(overdue);

    const client = await e.call<{ history: { doneOn: string }[] }>('GET', `/clients/${overdue}/recall`, {
      token: e.tokens.nurse,
    });
    expect(client.body.history.map((h) => h.doneOn)).toEqual([monthsAgo(13)]);
    expectProblem(
      await e.call('GET', `/clients/${overdue}/recall`, { token: e.tokens.otherOrg }),
      404,
      'CLIENT_NOT_FOUND',
    );

    const badQuery = await e.call('GET', '/recall/due?withinDays=-1&page=0', { token: e.tokens.keyworker });
    expect(
      expectProblem(badQuery, 400)
        .errors?.map((i) => i.path)
        .sort(),
    ).toEqual(['page', 'withinDays']);
    expectProblem(await e.call('GET', '/recall/due', { token: e.tokens.gpClinician }), 403);

    // Each client on a page shown got its own audit entry.
    const audited = await e.sql.query<{ client_id: string }>(
      `SELECT DISTINCT client_id FROM referrals.audit_log
        WHERE action = 'search' AND subject_type = 'recall' AND actor_org_id = $1`,
      [e.orgId],
    );
    expect(audited.rows.map((r) => r.client_id).sort()).toEqual([never, overdue, dueSoon].sort());
  });
});
