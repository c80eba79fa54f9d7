import { DEMO_SITE_IDS, DEMO_USERS } from '@careloop/auth';
import {
  eventually,
  expectServiceProcessToExit,
  startServiceProcess,
  type ServiceProcess,
} from '@careloop/testing';
import { withServiceLogs } from './support/diagnostics';
import { get, post, PROBLEM_JSON } from './support/http';

/**
 * The zero-setup start: every service in one process on embedded defaults (PGlite in memory, the
 * in-process bus and scheduler, the development identity provider, synthetic demo data).
 */

interface AwaitingBookingView {
  referralId: string;
  clientId: string;
  destinationName: string;
}

interface DevToken {
  access_token: string;
  token_type: string;
  expires_in: number;
}

/** Nothing from the runner's environment may pick a real adapter: embedded defaults only. */
const EMBEDDED = {
  DATABASE_URL: undefined,
  EMBEDDED_DATA_DIR: undefined,
  KAFKA_BROKERS: undefined,
  KAFKA_TOPIC_PREFIX: undefined,
  KAFKA_GROUP_PREFIX: undefined,
  REDIS_URL: undefined,
  REDIS_PREFIX: undefined,
  AUTH_ISSUER: undefined,
  AUTH_JWKS_URL: undefined,
  AUTH_AUDIENCE: undefined,
  DEV_IDP: undefined,
  SEED_DEMO_DATA: undefined,
};

// What a keyworker sees on the demo: the three synthetic referrals the platform seeds (apps/platform/src/seed).
const SEEDED_DESTINATIONS = [
  'Hillside Surgery',
  'St Elsewhere Hospital respiratory clinic',
  'Hepatitis C nurse clinic, Riverside Hub',
];

describe('the single-process platform on embedded defaults', () => {
  let platform: ServiceProcess;

  beforeAll(async () => {
    platform = await startServiceProcess('platform', { ...EMBEDDED, LOG_LEVEL: 'info' });
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  }, 30_000);

  const scenario = (name: string, body: () => Promise<void>) =>
    it(
      name,
      withServiceLogs(() => [platform], body),
    );

  async function signIn(username: string): Promise<string> {
    const response = await post<DevToken>(`${platform.url}/auth/dev/token`, { body: { username } });
    expect(response.status).toBe(200);
    return response.body.access_token;
  }

  async function awaitingBooking(token: string): Promise<AwaitingBookingView[]> {
    const response = await get<AwaitingBookingView[]>(`${platform.url}/referrals-awaiting-booking`, {
      token,
    });
    expect(response.status).toBe(200);
    return response.body;
  }

  scenario('is ready, on the embedded database alone', async () => {
    const ready = await get<{ status: string; checks: Record<string, { status: string }> }>(
      `${platform.url}/health/ready`,
    );
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.checks).toEqual({ database: { status: 'up', durationMs: expect.any(Number) } });
    const readyLine = platform.logEntries().find((e) => e.msg === 'careloop ready');
    expect(readyLine).toMatchObject({ bus: 'in-process', database: 'embedded' });
  });

  scenario('shows every demo login on the home page', async () => {
    const home = await get(`${platform.url}/`, { headers: { accept: 'text/html' } });
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    for (const user of DEMO_USERS) {
      expect(home.text).toContain(user.username);
      expect(home.text).toContain(user.name);
    }
  });

  scenario('signs a demo user in, who sees the seeded referrals awaiting booking', async () => {
    const token = await post<DevToken>(`${platform.url}/auth/dev/token`, {
      body: { username: 'alex.morgan' },
    });
    expect(token.status).toBe(200);
    expect(token.body).toEqual({
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      token_type: 'Bearer',
      expires_in: expect.any(Number),
    });

    // Seeding runs through the public API just after "careloop ready"; wait for it to land.
    const listed = await eventually(
      async () => {
        const list = await awaitingBooking(token.body.access_token);
        expect(list.map((r) => r.destinationName)).toEqual(expect.arrayContaining(SEEDED_DESTINATIONS));
        return list;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(listed.filter((r) => SEEDED_DESTINATIONS.includes(r.destinationName))).toHaveLength(3);

    const unknownUser = await post(`${platform.url}/auth/dev/token`, { body: { username: 'nobody' } });
    expect(unknownUser.status).toBe(400);
    expect(unknownUser.headers.get('content-type')).toMatch(PROBLEM_JSON);
  });

  scenario(
    'a new referral reaches booking over the in-process bus; another organisation does not see it',
    async () => {
      const token = await signIn('alex.morgan');
      const client = await post<{ id: string }>(`${platform.url}/clients`, {
        token,
        body: {
          name: { given: 'Sam', family: 'Example' },
          dateOfBirth: '1980-02-02',
          siteId: DEMO_SITE_IDS.riversideHub,
        },
      });
      expect(client.status).toBe(201);
      const clientId = client.body.id;
      const need = await post<{ id: string }>(`${platform.url}/clients/${clientId}/needs`, {
        token,
        body: { category: 'wound_or_leg_ulcer' },
      });
      expect(need.status).toBe(201);
      const created = await post<{ id: string }>(`${platform.url}/clients/${clientId}/referrals`, {
        token,
        body: {
          needId: need.body.id,
          destinationKind: 'gp',
          destinationName: 'Hillside Surgery',
          urgency: 'urgent',
          reason: 'Leg ulcer, signs of infection',
          send: true,
        },
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/referrals/${created.body.id}`);

      await eventually(
        async () => {
          const list = await awaitingBooking(token);
          expect(list.find((r) => r.referralId === created.body.id)).toMatchObject({ clientId });
        },
        { timeoutMs: 15_000, intervalMs: 100 },
      );

      // A GP at another organisation: not in their list, and a CDAS's referrals are not theirs to read.
      const gp = await signIn('dr.sam.patel');
      expect((await awaitingBooking(gp)).map((r) => r.referralId)).not.toContain(created.body.id);
      const read = await get(`${platform.url}/referrals/${created.body.id}`, { token: gp });
      expect(read.status).toBe(403);
      expect(read.headers.get('content-type')).toMatch(PROBLEM_JSON);
    },
  );
});

describe('configuration refused at boot', () => {
  it('the platform will not run the development identity provider against a real database', async () => {
    const exit = await expectServiceProcessToExit('platform', {
      ...EMBEDDED,
      DEV_IDP: 'true',
      // Never reached: validation must refuse before connecting (nothing listens on port 1).
      DATABASE_URL: 'postgres://careloop@127.0.0.1:1/careloop_never_used',
    });
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(exit.stderr).toMatch(/DEV_IDP: the development identity provider is for embedded mode only/);
  });

  it('a service with no identity provider configured lists both missing keys at once', async () => {
    const exit = await expectServiceProcessToExit('referrals', { ...EMBEDDED });
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(exit.stderr).toContain('Invalid configuration (2 problems)');
    expect(exit.stderr).toMatch(/AUTH_ISSUER: is required unless DEV_IDP=true/);
    expect(exit.stderr).toMatch(/AUTH_JWKS_URL: is required unless DEV_IDP=true/);
  });
});
