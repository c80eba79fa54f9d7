import { randomUUID } from 'node:crypto';
import { DEMO_SITE_IDS } from '@careloop/auth';
import { Database } from '@careloop/persistence';
import { eventually } from '@careloop/testing';
import type { RunningServices } from '@careloop/runtime';
import { DEMO_REFERRALS } from './seed/demo-referrals';
import { startPlatform } from './start-platform';

// The zero-setup platform on its embedded adapters: PGlite, the in-process bus, the dev identity provider.
describe('the single-process platform', () => {
  let platform: RunningServices;
  let token: string;

  const referralBody = (needId: string) => ({
    needId,
    destinationKind: 'outpatient',
    destinationName: 'St Elsewhere Hospital hepatology clinic',
    urgency: 'soon',
    reason: 'Raised liver enzymes; FibroScan requested',
    send: true,
  });

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${platform.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...init.headers },
    });

  /** Registers a client with a liver need; returns the path to refer them and the body to send. */
  const referrable = async () => {
    const client = await api('/clients', {
      method: 'POST',
      body: JSON.stringify({
        name: { given: 'Test', family: 'Client' },
        dateOfBirth: '1970-01-01',
        siteId: DEMO_SITE_IDS.riversideHub,
      }),
    });
    const { id: clientId } = (await client.json()) as { id: string };
    const need = await api(`/clients/${clientId}/needs`, {
      method: 'POST',
      body: JSON.stringify({ category: 'liver' }),
    });
    const { id: needId } = (await need.json()) as { id: string };
    return { path: `/clients/${clientId}/referrals`, body: referralBody(needId), clientId };
  };

  beforeAll(async () => {
    platform = await startPlatform({ PORT: '0', LOG_LEVEL: 'silent' });
    const response = await fetch(`${platform.url}/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alex.morgan' }),
    });
    token = ((await response.json()) as { access_token: string }).access_token;
  }, 60_000);

  afterAll(async () => {
    await platform.close();
  });

  it('starts seeded: the demo referrals await booking', async () => {
    const list = await eventually(async () => {
      const body = (await (await api('/referrals-awaiting-booking')).json()) as { destinationName: string }[];
      expect(body).toHaveLength(DEMO_REFERRALS.length);
      return body;
    });
    expect(list.map((r) => r.destinationName).sort()).toEqual(
      DEMO_REFERRALS.map((r) => r.referral.destinationName).sort(),
    );
  });

  it('carries a new referral to booking over the in-process bus', async () => {
    const { path, body } = await referrable();
    const created = await api(path, { method: 'POST', body: JSON.stringify(body) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await eventually(async () => expect((await api(`/referrals-awaiting-booking/${id}`)).status).toBe(200));
  });

  it('creates one referral for concurrent requests with one Idempotency-Key', async () => {
    const referral = await referrable();
    const body = JSON.stringify(referral.body);
    const key = randomUUID();
    const responses = await Promise.all(
      [1, 2, 3].map(() => api(referral.path, { method: 'POST', body, headers: { 'idempotency-key': key } })),
    );
    const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(1);
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(2);
    const db = platform.app.get(Database);
    const rows = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM "referrals"."referral" WHERE "id" = $1`,
      [ids[0]],
    );
    expect(rows[0].n).toBe(1);
  });

  it('audits who read a referral, and when', async () => {
    const { path, body } = await referrable();
    const created = await api(path, { method: 'POST', body: JSON.stringify(body) });
    const { id } = (await created.json()) as { id: string };
    expect((await api(`/referrals/${id}`)).status).toBe(200);
    const db = platform.app.get(Database);
    const entries: { action: string; actor_user_id: string }[] = await db.dataSource.query(
      `SELECT "action", "actor_user_id" FROM "referrals"."audit_log" WHERE "subject_id" = $1 ORDER BY "seq"`,
      [id],
    );
    expect(entries.map((e) => e.action)).toEqual(['create', 'read']);
  });

  it('counts events published and consumed for Prometheus', async () => {
    await eventually(async () => {
      const metrics = await (await fetch(`${platform.url}/metrics`)).text();
      expect(metrics).toMatch(
        /careloop_events_published_total\{[^}]*topic="careloop.referrals"[^}]*\} [1-9]/,
      );
      expect(metrics).toMatch(
        /careloop_events_consumed_total\{[^}]*consumer="booking",event_type="referral.created.v1",outcome="processed"[^}]*\} [1-9]/,
      );
    });
  });

  it('reports ready with its embedded database', async () => {
    const ready = await fetch(`${platform.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', checks: { database: { status: 'up' } } });
  });
});
