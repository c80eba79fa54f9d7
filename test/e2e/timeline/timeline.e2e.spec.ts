import { randomUUID } from 'node:crypto';
import { withServiceLogs } from '../support/diagnostics';
import { expectProblem, startNeedsEnvironment, type NeedsEnvironment } from '../needs/needs-env';

interface TimelineView {
  clientId: string;
  entries: {
    kind: string;
    id: string;
    occurredAt: string;
    summary: string;
    refs: Record<string, string>;
    by?: string;
  }[];
  nextBefore: string | null;
  notYetAvailable: string[];
}
interface AdvocacyActionView {
  id: string;
  type: string;
  accompaniedBy: string | null;
  outcome: string;
  occurredAt: string;
  recordedBy: string;
}

/** The advocacy log and the client timeline over HTTP: the referrals service on Postgres and Kafka. */
describe('advocacy log and client timeline over HTTP', () => {
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

  const registerClient = async (e: NeedsEnvironment): Promise<string> => {
    const created = await e.call<{ id: string }>('POST', '/clients', {
      token: e.tokens.keyworker,
      body: { name: { given: 'Joanne', family: 'Smith' }, dateOfBirth: '1978-04-02', siteId: 'site-central' },
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };

  scenario('a keyworker records a need and advocacy, then reads the timeline', async (e) => {
    const clientId = await registerClient(e);
    const need = await e.call<{ id: string }>('POST', `/clients/${clientId}/needs`, {
      token: e.tokens.keyworker,
      body: {
        category: 'wound_or_leg_ulcer',
        identifiedAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      },
    });
    expect(need.status).toBe(201);

    const key = randomUUID();
    const phoned = await e.call<AdvocacyActionView>('POST', `/clients/${clientId}/advocacy-actions`, {
      token: e.tokens.keyworker,
      headers: { 'idempotency-key': key },
      body: {
        type: 'phoned_surgery',
        outcome: 'Nurse appointment booked for Thursday',
        occurredAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      },
    });
    expect(phoned.status).toBe(201);
    expect(phoned.body).toMatchObject({ type: 'phoned_surgery', recordedBy: e.principals.keyworker.userId });
    const replay = await e.call<AdvocacyActionView>('POST', `/clients/${clientId}/advocacy-actions`, {
      token: e.tokens.keyworker,
      headers: { 'idempotency-key': key },
      body: {
        type: 'phoned_surgery',
        outcome: 'Nurse appointment booked for Thursday',
        occurredAt: phoned.body.occurredAt,
      },
    });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(phoned.body.id);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');

    const went = await e.call<AdvocacyActionView>('POST', `/clients/${clientId}/advocacy-actions`, {
      token: e.tokens.nurse,
      body: { type: 'accompanied', accompaniedBy: 'peer_supporter', outcome: 'Seen by practice nurse' },
    });
    expect(went.status).toBe(201);

    const log = await e.call<{ items: AdvocacyActionView[]; total: number }>(
      'GET',
      `/clients/${clientId}/advocacy-actions?limit=10`,
      { token: e.tokens.manager },
    );
    expect(log.status).toBe(200);
    expect(log.body.total).toBe(2);
    expect(log.body.items.map((a) => a.id)).toEqual([went.body.id, phoned.body.id]);

    const timeline = await e.call<TimelineView>('GET', `/clients/${clientId}/timeline?limit=2`, {
      token: e.tokens.manager,
    });
    expect(timeline.status).toBe(200);
    expect(timeline.body.entries.map((x) => x.kind)).toEqual(['advocacy_action', 'advocacy_action']);
    expect(timeline.body.entries[0]).toMatchObject({
      summary: 'Accompanied the client (peer supporter): Seen by practice nurse',
      by: e.principals.nurse.userId,
    });
    expect(timeline.body.nextBefore).toEqual(expect.any(String));
    const rest = await e.call<TimelineView>(
      'GET',
      `/clients/${clientId}/timeline?limit=2&before=${encodeURIComponent(timeline.body.nextBefore!)}`,
      { token: e.tokens.keyworker },
    );
    expect(rest.status).toBe(200);
    expect(rest.body.entries.map((x) => [x.kind, x.refs])).toEqual([
      ['need_recorded', { needId: need.body.id }],
    ]);
    expect(rest.body.nextBefore).toBeNull();
    expect(rest.body.notYetAvailable).toEqual([]);

    const audited = await e.sql.query(
      `SELECT count(*)::int AS n FROM referrals.audit_log WHERE client_id = $1 AND subject_type = 'client_timeline'`,
      [clientId],
    );
    expect(audited.rows[0].n).toBe(2);
  });

  scenario('only CDAS staff of their own organisation get in', async (e) => {
    const clientId = await registerClient(e);
    const body = { type: 'read_letter', outcome: 'Hospital letter read with client' };
    expectProblem(await e.call('GET', `/clients/${clientId}/timeline`, { token: e.tokens.gpClinician }), 403);
    expectProblem(
      await e.call('POST', `/clients/${clientId}/advocacy-actions`, { token: e.tokens.gpClinician, body }),
      403,
    );
    expectProblem(await e.call('GET', `/clients/${clientId}/timeline`, { token: e.tokens.clinicAdmin }), 403);
    expectProblem(
      await e.call('POST', `/clients/${clientId}/advocacy-actions`, { token: e.tokens.manager, body }),
      403,
    );
    expectProblem(await e.call('GET', `/clients/${clientId}/timeline`), 401);

    expectProblem(
      await e.call('GET', `/clients/${clientId}/timeline`, { token: e.tokens.otherOrg }),
      404,
      'CLIENT_NOT_FOUND',
    );
    expectProblem(
      await e.call('POST', `/clients/${clientId}/advocacy-actions`, { token: e.tokens.otherOrg, body }),
      404,
      'CLIENT_NOT_FOUND',
    );
    expectProblem(
      await e.call('GET', `/clients/${clientId}/advocacy-actions`, { token: e.tokens.otherOrg }),
      404,
      'CLIENT_NOT_FOUND',
    );
  });

  scenario('bad input is a 400 naming each field, or a 422 for rules needing the record', async (e) => {
    const clientId = await registerClient(e);
    const bad = await e.call('POST', `/clients/${clientId}/advocacy-actions`, {
      token: e.tokens.keyworker,
      body: { type: 'phoned_surgery', accompaniedBy: 'worker', outcome: '', occurredAt: 'today' },
    });
    const problem = expectProblem(bad, 400);
    expect(problem.errors?.map((x) => x.path).sort()).toEqual(['accompaniedBy', 'occurredAt', 'outcome']);
    const accompanied = expectProblem(
      await e.call('POST', `/clients/${clientId}/advocacy-actions`, {
        token: e.tokens.keyworker,
        body: { type: 'accompanied', outcome: 'Went along' },
      }),
      400,
    );
    expect(accompanied.errors?.map((x) => x.path)).toEqual(['accompaniedBy']);

    const query = expectProblem(
      await e.call('GET', `/clients/${clientId}/timeline?before=last-week&limit=500`, {
        token: e.tokens.keyworker,
      }),
      400,
    );
    expect(query.errors?.map((x) => x.path).sort()).toEqual(['before', 'limit']);
    const param = expectProblem(
      await e.call('GET', `/clients/not-a-uuid/timeline`, { token: e.tokens.keyworker }),
      400,
    );
    expect(param.errors?.map((x) => x.path)).toEqual(['clientId']);

    const old = await e.call('POST', `/clients/${clientId}/advocacy-actions`, {
      token: e.tokens.keyworker,
      body: { type: 'other', outcome: 'x', occurredAt: '2020-01-01T00:00:00Z' },
    });
    expect(expectProblem(old, 422, 'OCCURRED_TOO_LONG_AGO').errors?.map((x) => x.path)).toEqual([
      'occurredAt',
    ]);
    expectProblem(
      await e.call('POST', `/clients/${clientId}/advocacy-actions`, {
        token: e.tokens.keyworker,
        body: { type: 'other', outcome: 'x', referralId: randomUUID() },
      }),
      422,
      'REFERRAL_NOT_FOR_CLIENT',
    );
    const log = await e.call<{ total: number }>('GET', `/clients/${clientId}/advocacy-actions`, {
      token: e.tokens.keyworker,
    });
    expect(log.body.total).toBe(0);
  });
});
