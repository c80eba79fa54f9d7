import { randomUUID } from 'node:crypto';
import { eventually } from '@careloop/testing';
import { withServiceLogs } from '../support/diagnostics';
import { expectProblem, startNeedsEnvironment, type NeedsEnvironment } from './needs-env';

interface NeedView {
  id: string;
  clientId: string;
  category: string;
  snomedCode: string | null;
  notes: string | null;
  status: string;
  identifiedAt: string;
  identifiedBy: string;
  history?: { fromStatus: string | null; toStatus: string; reason: string; changedBy: string }[];
}

describe('needs over HTTP: the referrals service on Postgres and Kafka', () => {
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

  scenario('a keyworker records a need, moves it on, and the events cross Kafka', async (e) => {
    const clientId = await e.insertClient();
    const created = await e.call<NeedView>('POST', `/clients/${clientId}/needs`, {
      token: e.tokens.keyworker,
      body: {
        category: 'hepatitis_c',
        snomedCode: '50711007',
        notes: 'Antibody positive at in-reach clinic',
      },
    });
    expect(created.status).toBe(201);
    const need = created.body;
    expect(need).toMatchObject({
      clientId,
      category: 'hepatitis_c',
      status: 'open',
      identifiedBy: e.principals.keyworker.userId,
    });
    expect(created.headers.get('location')).toBe(`/needs/${need.id}`);

    const referred = await e.call<NeedView>('POST', `/needs/${need.id}/status-changes`, {
      token: e.tokens.nurse,
      body: { status: 'referred', reason: 'Referred to hepatology outreach' },
    });
    expect(referred.status).toBe(200);
    expect(referred.body.status).toBe('referred');

    const illegal = await e.call('POST', `/needs/${need.id}/status-changes`, {
      token: e.tokens.nurse,
      body: { status: 'referred', reason: 'again' },
    });
    expectProblem(illegal, 409, 'STATUS_UNCHANGED');

    const read = await e.call<NeedView>('GET', `/needs/${need.id}`, { token: e.tokens.manager });
    expect(read.status).toBe(200);
    expect(read.body.history?.map((h) => [h.fromStatus, h.toStatus, h.changedBy])).toEqual([
      [null, 'open', e.principals.keyworker.userId],
      ['open', 'referred', e.principals.nurse.userId],
    ]);

    const list = await e.call<NeedView[]>('GET', `/clients/${clientId}/needs?status=referred`, {
      token: e.tokens.keyworker,
    });
    expect(list.body.map((n) => n.id)).toEqual([need.id]);
    const none = await e.call<NeedView[]>('GET', `/clients/${clientId}/needs?status=resolved`, {
      token: e.tokens.keyworker,
    });
    expect(none.body).toEqual([]);

    const events = await eventually(
      async () => {
        const mine = e.published().filter((m) => m.subjectId === need.id);
        expect(mine).toHaveLength(2);
        return mine;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(events.map((m) => m.type)).toEqual(['need.recorded.v1', 'need.status-changed.v1']);
    expect(events[1]!.data).toMatchObject({
      needId: need.id,
      clientId,
      category: 'hepatitis_c',
      previousStatus: 'open',
      status: 'referred',
    });
  });

  scenario('only CDAS staff of the right roles and organisation get in', async (e) => {
    const clientId = await e.insertClient();
    const body = { category: 'dvt' };
    const created = await e.call<NeedView>('POST', `/clients/${clientId}/needs`, {
      token: e.tokens.nurse,
      body,
    });
    expect(created.status).toBe(201);

    // A GP practice clinician: wrong kind of organisation, whatever the role.
    expectProblem(await e.call('GET', `/needs/${created.body.id}`, { token: e.tokens.gpClinician }), 403);
    expectProblem(
      await e.call('POST', `/clients/${clientId}/needs`, { token: e.tokens.gpClinician, body }),
      403,
    );
    // CDAS staff without a clinical or managing role.
    expectProblem(await e.call('GET', `/clients/${clientId}/needs`, { token: e.tokens.clinicAdmin }), 403);
    // A service manager reads but does not record.
    expectProblem(await e.call('POST', `/clients/${clientId}/needs`, { token: e.tokens.manager, body }), 403);
    expect((await e.call('GET', `/clients/${clientId}/needs`, { token: e.tokens.manager })).status).toBe(200);
    // No token at all.
    expectProblem(await e.call('GET', `/needs/${created.body.id}`), 401);

    // Another organisation: their need and client look exactly like unknown ones.
    const theirs = await e.call('GET', `/needs/${created.body.id}`, { token: e.tokens.otherOrg });
    const unknown = await e.call('GET', `/needs/${randomUUID()}`, { token: e.tokens.otherOrg });
    expect(expectProblem(theirs, 404, 'NEED_NOT_FOUND').type).toBe(
      expectProblem(unknown, 404, 'NEED_NOT_FOUND').type,
    );
    expect(theirs.text).not.toContain(clientId);
    expectProblem(
      await e.call('GET', `/clients/${clientId}/needs`, { token: e.tokens.otherOrg }),
      404,
      'CLIENT_NOT_FOUND',
    );
    expectProblem(
      await e.call('POST', `/needs/${created.body.id}/status-changes`, {
        token: e.tokens.otherOrg,
        body: { status: 'resolved', reason: 'x' },
      }),
      404,
      'NEED_NOT_FOUND',
    );
  });

  scenario('bad input is refused naming the field, and changes nothing', async (e) => {
    const clientId = await e.insertClient();
    const path = `/clients/${clientId}/needs`;
    const invalid = await e.call('POST', path, {
      token: e.tokens.keyworker,
      body: { category: 'broken_leg', snomedCode: '50711008', notes: '', identifiedAt: 'yesterday' },
    });
    expect(
      expectProblem(invalid, 400, 'VALIDATION_FAILED')
        .errors?.map((i) => i.path)
        .sort(),
    ).toEqual(['category', 'identifiedAt', 'notes', 'snomedCode']);
    const checkDigit = await e.call('POST', path, {
      token: e.tokens.keyworker,
      body: { category: 'hiv', snomedCode: '86406080' },
    });
    expect(expectProblem(checkDigit, 400).errors).toEqual([
      { path: 'snomedCode', message: expect.stringMatching(/check digit/), in: 'body' },
    ]);
    const future = await e.call('POST', path, {
      token: e.tokens.keyworker,
      body: { category: 'hiv', identifiedAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(expectProblem(future, 422, 'IDENTIFIED_IN_FUTURE').errors).toEqual([
      { path: 'identifiedAt', message: 'must not be in the future', in: 'body' },
    ]);
    const badQuery = await e.call('GET', `${path}?status=closed`, { token: e.tokens.keyworker });
    expect(expectProblem(badQuery, 400).errors?.map((i) => [i.path, i.in])).toEqual([['status', 'query']]);
    const badId = await e.call('GET', `/needs/not-a-uuid`, { token: e.tokens.keyworker });
    expect(expectProblem(badId, 400).errors?.map((i) => [i.path, i.in])).toEqual([['needId', 'path']]);

    const count = await e.sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM referrals.need WHERE client_id = $1`,
      [clientId],
    );
    expect(Number(count.rows[0]!.n)).toBe(0);
  });

  scenario('a retried POST with the same Idempotency-Key records the need once', async (e) => {
    const clientId = await e.insertClient();
    const key = randomUUID();
    const send = () =>
      e.call<NeedView>('POST', `/clients/${clientId}/needs`, {
        token: e.tokens.keyworker,
        body: { category: 'dental', notes: 'Abscess' },
        headers: { 'idempotency-key': key },
      });
    const first = await send();
    const retry = await send();
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const rows = await e.sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM referrals.need WHERE client_id = $1`,
      [clientId],
    );
    expect(Number(rows.rows[0]!.n)).toBe(1);
  });
});
