import { randomUUID } from 'node:crypto';
import { DEMO_ORG_IDS, DEMO_SITE_IDS } from '@careloop/auth';
import { Database } from '@careloop/persistence';
import { eventually } from '@careloop/testing';
import type { RunningServices } from '@careloop/runtime';
import { toLondonWallClock } from '@careloop/time';
import { DEMO_INREACH } from './seed/demo-inreach';
import { DEMO_REFERRALS } from './seed/demo-referrals';
import { startPlatform } from './start-platform';

interface SearchedSlot {
  startsAt: string;
  providerName: string;
  location: string;
  free: number;
  reservation: unknown;
}

/** Slots grouped by London date, in date order (search answers soonest first). */
function slotsByLondonDate(slots: SearchedSlot[]): Map<string, SearchedSlot[]> {
  const dates = new Map<string, SearchedSlot[]>();
  for (const slot of slots) {
    const { date } = toLondonWallClock(new Date(slot.startsAt));
    dates.set(date, [...(dates.get(date) ?? []), slot]);
  }
  return dates;
}

const WHOLE_SESSION_STARTS = [
  '10:00',
  '10:20',
  '10:40',
  '11:00',
  '11:20',
  '11:40',
  '12:00',
  '12:20',
  '12:40',
].map((time) => `${time}:00`);

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / (24 * 60 * 60 * 1000);

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

  const signIn = async (username: string) => {
    const response = await fetch(`${platform.url}/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };

  beforeAll(async () => {
    platform = await startPlatform({ PORT: '0', LOG_LEVEL: 'silent' });
    token = await signIn('alex.morgan');
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

  it("starts seeded: only the CDAS's staff find the visiting hepatitis C clinic's slots", async () => {
    // Six weeks ahead: at least two whole fortnightly sessions, whatever the day and time the test runs.
    const to = new Date(Date.now() + 42 * 24 * 60 * 60 * 1000).toISOString();
    const search = `/slots?serviceType=${DEMO_INREACH.service.serviceType}&to=${encodeURIComponent(to)}`;
    const searched = async (bearer: string) => {
      const response = await api(search, { headers: { authorization: `Bearer ${bearer}` } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { slots: SearchedSlot[] }).slots;
    };
    const byDate = await eventually(
      async () => {
        const dates = slotsByLondonDate(await searched(token));
        expect(dates.size).toBeGreaterThanOrEqual(2);
        return dates;
      },
      { timeoutMs: 15_000 },
    );

    const today = toLondonWallClock(new Date()).date;
    for (const [date, slots] of byDate) {
      expect(new Date(`${date}T12:00:00Z`).getUTCDay()).toBe(3); // Wednesdays
      const times = slots.map((s) => toLondonWallClock(new Date(s.startsAt)).time);
      // A whole session: 10:00-13:00 London in 20-minute slots (today's may have begun).
      if (date > today) expect(times).toEqual(WHOLE_SESSION_STARTS);
      for (const slot of slots) {
        expect(slot).toMatchObject({
          providerName: DEMO_INREACH.service.providerName,
          location: expect.stringContaining(DEMO_INREACH.room.name),
          free: 1,
          reservation: {
            reservedFor: { kind: 'organisation', orgId: DEMO_ORG_IDS.riversideCdas },
            releaseAt: null,
          },
        });
      }
    }
    const days = [...byDate.keys()].map(dayNumber);
    expect(days.slice(1).map((day, i) => day - days[i]!)).toEqual(days.slice(1).map(() => 14)); // fortnightly

    // Held in the CDAS's building for its own clients: a GP practice does not see them.
    expect(await searched(await signIn('dr.sam.patel'))).toEqual([]);
  }, 20_000);

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
