import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Principal } from '@careloop/auth';
import { TOPICS, deadLetterTopic } from '@careloop/contracts';
import {
  createTestDatabase,
  deleteRedisKeys,
  deleteTopics,
  eventually,
  kafkaBrokers,
  redisUrl,
  startServiceProcess,
  startTestIdentityProvider,
  uniqueRedisPrefix,
  uniqueTestId,
  withKafkaAdmin,
  type ServiceProcess,
  type TestDatabase,
  type TestIdentityProvider,
} from '@careloop/testing';
import { withServiceLogs } from './support/diagnostics';
import { get, post, PROBLEM_JSON, type HttpResponse, type Problem } from './support/http';

/**
 * The walking skeleton on the real infrastructure: referrals and booking as two processes sharing
 * one Postgres database (each in its own schema), talking only through Kafka, trusting tokens from
 * an identity provider they reach over HTTP (JWKS), exactly as deployed.
 */

interface ReferralView {
  id: string;
  clientId: string;
  destinationKind: string;
  destinationName: string;
  urgency: string;
  reason: string;
  status: string;
  createdBy: string;
  createdAt: string;
}

interface AwaitingBookingView {
  referralId: string;
  clientId: string;
  destinationKind: string;
  destinationName: string;
  urgency: string;
  referredAt: string;
}

const ISSUER = 'https://idp.careloop.test/';
const riversideCdas = randomUUID();
const otherCdas = randomUUID();

const keyworker: Principal = {
  userId: randomUUID(),
  name: 'Alex Morgan',
  roles: ['drug_worker'],
  orgId: riversideCdas,
  orgKind: 'cdas',
  siteIds: [randomUUID()],
};
const serviceManager: Principal = {
  ...keyworker,
  userId: randomUUID(),
  name: 'Ruth Adeyemi',
  roles: ['service_manager'],
};
const clinicAdmin: Principal = {
  ...keyworker,
  userId: randomUUID(),
  name: 'Jo Bennett',
  roles: ['clinic_admin'],
};
const otherOrgKeyworker: Principal = {
  ...keyworker,
  userId: randomUUID(),
  name: 'Sam Other',
  orgId: otherCdas,
};

const aReferral = (overrides: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  destinationKind: 'gp',
  destinationName: 'Hillside Surgery',
  urgency: 'routine',
  reason: 'Breathless on stairs, productive cough for 3 months: COPD review',
  ...overrides,
});

describe('walking skeleton: referrals and booking as separate processes on Kafka, Postgres and Redis', () => {
  let idp: TestIdentityProvider;
  let strangerIdp: TestIdentityProvider;
  let database: TestDatabase;
  let referrals: ServiceProcess;
  let booking: ServiceProcess;
  let sql: Client;
  const topicPrefix = `${uniqueTestId('e2e')}.`;
  const groupPrefix = `${uniqueTestId('e2e')}.`;
  const redisPrefix = uniqueRedisPrefix('e2e');
  const tokens: Record<'keyworker' | 'manager' | 'clinicAdmin' | 'otherOrg', string> = {
    keyworker: '',
    manager: '',
    clinicAdmin: '',
    otherOrg: '',
  };

  beforeAll(async () => {
    idp = await startTestIdentityProvider({ issuer: ISSUER, audience: 'careloop' });
    // Same issuer and audience, different key: what a forger without our IdP's key could sign.
    strangerIdp = await startTestIdentityProvider({ issuer: ISSUER, audience: 'careloop' });
    database = await createTestDatabase('e2e');
    const env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_GROUP_PREFIX: groupPrefix,
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: redisPrefix,
      AUTH_ISSUER: idp.issuer,
      AUTH_AUDIENCE: idp.audience,
      AUTH_JWKS_URL: idp.jwksUrl,
      DEV_IDP: undefined,
      OUTBOX_POLL_MS: '50',
    };
    // Booking first: it creates its topics and joins its consumer group before anything is published.
    booking = await startServiceProcess('booking', { ...env, LOG_LEVEL: 'debug' });
    referrals = await startServiceProcess('referrals', { ...env, LOG_LEVEL: 'info' });
    sql = new Client({ connectionString: database.url, application_name: 'careloop-e2e' });
    await sql.connect();
    tokens.keyworker = await idp.tokenFor(keyworker);
    tokens.manager = await idp.tokenFor(serviceManager);
    tokens.clinicAdmin = await idp.tokenFor(clinicAdmin);
    tokens.otherOrg = await idp.tokenFor(otherOrgKeyworker);
  }, 150_000);

  afterAll(async () => {
    await sql?.end().catch(() => undefined);
    await Promise.allSettled([referrals?.stop(), booking?.stop()]);
    await Promise.allSettled([
      database?.drop(),
      idp?.close(),
      strangerIdp?.close(),
      deleteRedisKeys(redisPrefix),
      deleteTopics(
        Object.values(TOPICS).flatMap((t) => [`${topicPrefix}${t}`, `${topicPrefix}${deadLetterTopic(t)}`]),
      ),
      // Only booking consumes; its group is empty once the process has stopped.
      withKafkaAdmin((admin) => admin.deleteGroups([`${groupPrefix}booking`])),
    ]);
  }, 60_000);

  /** A test whose failure message ends with what both services logged. */
  const scenario = (name: string, body: () => Promise<void>) =>
    it(
      name,
      withServiceLogs(() => [referrals, booking], body),
    );

  async function createReferral(
    body: unknown,
    headers: Record<string, string> = {},
    token = tokens.keyworker,
  ): Promise<HttpResponse<ReferralView>> {
    return post<ReferralView>(`${referrals.url}/referrals`, { token, body, headers });
  }

  async function awaitingBooking(token = tokens.keyworker): Promise<AwaitingBookingView[]> {
    const response = await get<AwaitingBookingView[]>(`${booking.url}/referrals-awaiting-booking`, { token });
    expect(response.status).toBe(200);
    return response.body;
  }

  /** Waits until booking has heard of the referral (its event crossed Kafka), returns the entry. */
  async function eventuallyAwaitingBooking(referralId: string): Promise<AwaitingBookingView> {
    return eventually(
      async () => {
        const entry = (await awaitingBooking()).find((r) => r.referralId === referralId);
        expect(entry).toBeDefined();
        return entry!;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  }

  async function count(query: string, params: unknown[] = []): Promise<number> {
    const result = await sql.query<{ n: string }>(query, params);
    return Number(result.rows[0]!.n);
  }

  function expectProblem(response: HttpResponse, status: number, code?: string): Problem {
    expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({
      status,
      contentType: expect.stringMatching(PROBLEM_JSON),
    });
    const problem = response.body as Problem;
    expect(problem).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
    if (code) expect(problem.code).toBe(code);
    return problem;
  }

  scenario(
    'a keyworker refers a client on; the referral is readable and booking learns of it across Kafka',
    async () => {
      const body = aReferral({ urgency: 'routine', destinationName: 'Hillside Surgery' });

      const created = await createReferral(body);

      expect(created.status).toBe(201);
      const referral = created.body;
      expect(referral).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ...body,
        status: 'sent',
        createdBy: keyworker.userId,
        createdAt: expect.any(String),
      });
      expect(created.headers.get('location')).toBe(`/referrals/${referral.id}`);
      expect(created.headers.get('idempotent-replayed')).toBeNull();

      const read = await get<ReferralView>(`${referrals.url}${created.headers.get('location')}`, {
        token: tokens.keyworker,
      });
      expect(read.status).toBe(200);
      expect(read.body).toEqual(referral);

      const awaiting = await eventuallyAwaitingBooking(referral.id);
      expect(awaiting).toEqual({
        referralId: referral.id,
        clientId: body.clientId,
        destinationKind: 'gp',
        destinationName: 'Hillside Surgery',
        urgency: 'routine',
        // Booking knows when the client was referred, exactly as the referrals service recorded it.
        referredAt: referral.createdAt,
      });
      // A service manager of the same organisation sees it too.
      const one = await get<AwaitingBookingView>(`${booking.url}/referrals-awaiting-booking/${referral.id}`, {
        token: tokens.manager,
      });
      expect(one.status).toBe(200);
      expect(one.body).toEqual(awaiting);

      // Tokens were checked against the identity provider's published keys, not a development shortcut.
      expect(idp.jwksRequests()).toBeGreaterThan(0);
    },
  );

  scenario(
    'another organisation sees neither the referral nor its booking entry, exactly as for an unknown id',
    async () => {
      const created = await createReferral(aReferral());
      expect(created.status).toBe(201);
      const id = created.body.id;
      await eventuallyAwaitingBooking(id);

      const theirs = await get(`${referrals.url}/referrals/${id}`, { token: tokens.otherOrg });
      const unknown = await get(`${referrals.url}/referrals/${randomUUID()}`, { token: tokens.otherOrg });
      const theirsProblem = expectProblem(theirs, 404, 'REFERRAL_NOT_FOUND');
      const unknownProblem = expectProblem(unknown, 404, 'REFERRAL_NOT_FOUND');
      expect({ type: theirsProblem.type, title: theirsProblem.title }).toEqual({
        type: unknownProblem.type,
        title: unknownProblem.title,
      });
      expect(theirs.text).not.toContain(created.body.clientId);

      const theirList = await awaitingBooking(tokens.otherOrg);
      expect(theirList.map((r) => r.referralId)).not.toContain(id);

      const theirEntry = await get(`${booking.url}/referrals-awaiting-booking/${id}`, {
        token: tokens.otherOrg,
      });
      const unknownEntry = await get(`${booking.url}/referrals-awaiting-booking/${randomUUID()}`, {
        token: tokens.otherOrg,
      });
      const entryProblem = expectProblem(theirEntry, 404, 'REFERRAL_NOT_AWAITING_BOOKING');
      const unknownEntryProblem = expectProblem(unknownEntry, 404, 'REFERRAL_NOT_AWAITING_BOOKING');
      expect(entryProblem.type).toBe(unknownEntryProblem.type);
      expect(theirEntry.text).not.toContain(created.body.clientId);
    },
  );

  scenario(
    'a retried POST with the same Idempotency-Key returns the same referral, and booking lists it once',
    async () => {
      const body = aReferral({
        urgency: 'soon',
        destinationKind: 'outpatient',
        destinationName: 'Respiratory clinic',
      });
      const key = randomUUID();

      const first = await createReferral(body, { 'idempotency-key': key });
      const retry = await createReferral(body, { 'idempotency-key': key });

      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body.id).toBe(first.body.id);
      expect(retry.headers.get('location')).toBe(`/referrals/${first.body.id}`);
      expect(retry.body).toEqual(first.body);

      // Two retries racing each other (a double-clicked button) still make one referral.
      const raceKey = randomUUID();
      const raceBody = aReferral();
      const raced = await Promise.all([
        createReferral(raceBody, { 'idempotency-key': raceKey }),
        createReferral(raceBody, { 'idempotency-key': raceKey }),
      ]);
      expect(raced.map((r) => r.status)).toEqual([201, 201]);
      expect(raced[0].body.id).toBe(raced[1].body.id);

      // The same key for a different referral is refused rather than silently answered with the first.
      const misuse = await createReferral(
        { ...body, reason: 'Something else entirely' },
        { 'idempotency-key': key },
      );
      expectProblem(misuse, 422);

      await eventuallyAwaitingBooking(first.body.id);
      await eventuallyAwaitingBooking(raced[0].body.id);
      const list = await awaitingBooking();
      expect(list.filter((r) => r.referralId === first.body.id)).toHaveLength(1);
      expect(list.filter((r) => r.clientId === body.clientId)).toHaveLength(1);
      expect(list.filter((r) => r.clientId === raceBody.clientId)).toHaveLength(1);
      expect(
        await count(`SELECT count(*) AS n FROM referrals.referral WHERE client_id = $1`, [body.clientId]),
      ).toBe(1);
      expect(
        await count(`SELECT count(*) AS n FROM referrals.outbox WHERE message_key = $1`, [first.body.id]),
      ).toBe(1);
    },
  );

  scenario('bad input is refused with a problem document and changes nothing', async () => {
    // Settle first: every referral so far has reached booking.
    const before = await eventually(
      async () => {
        const referralsInDb = await count(`SELECT count(*) AS n FROM referrals.referral WHERE org_id = $1`, [
          riversideCdas,
        ]);
        const listed = (await awaitingBooking()).length;
        expect(listed).toBe(referralsInDb);
        return {
          referralsInDb,
          listed,
          outbox: await count(`SELECT count(*) AS n FROM referrals.outbox`),
          awaitingInDb: await count(`SELECT count(*) AS n FROM booking.referral_awaiting_booking`),
        };
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );

    // Malformed JSON.
    const malformed = await createReferral('{"clientId": "', { 'content-type': 'application/json' });
    expectProblem(malformed, 400, 'MALFORMED_JSON');

    // Every bad field is listed at once, not just the first.
    const invalid = await createReferral({
      clientId: 'not-a-uuid',
      destinationKind: 'spaceship',
      destinationName: '   ',
      urgency: 'whenever',
      reason: '',
    });
    const problem = expectProblem(invalid, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(
      ['clientId', 'destinationKind', 'destinationName', 'reason', 'urgency'].sort(),
    );
    expect(problem.errors?.every((e) => e.in === 'body')).toBe(true);

    const empty = await createReferral({});
    expect(
      expectProblem(empty, 400, 'VALIDATION_FAILED')
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['clientId', 'destinationKind', 'destinationName', 'reason', 'urgency'].sort());

    const unexpectedField = await createReferral(aReferral({ orgId: otherCdas }));
    expectProblem(unexpectedField, 400, 'VALIDATION_FAILED');

    // No token.
    const anonymous = await createReferral(aReferral(), {}, '');
    expectProblem(anonymous, 401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    const anonymousList = await get(`${booking.url}/referrals-awaiting-booking`);
    expectProblem(anonymousList, 401);
    expect(anonymousList.headers.get('www-authenticate')).toMatch(/^Bearer\b/);

    // A token signed by a key the services do not trust, one that expired, one for another audience.
    const forged = await createReferral(aReferral(), {}, await strangerIdp.tokenFor(keyworker));
    expectProblem(forged, 401);
    expect(forged.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
    const forgedOnBooking = await get(`${booking.url}/referrals-awaiting-booking`, {
      token: await strangerIdp.tokenFor(keyworker),
    });
    expectProblem(forgedOnBooking, 401);
    const expired = await createReferral(
      aReferral(),
      {},
      await idp.tokenFor(keyworker, { expiresInSeconds: -120 }),
    );
    expectProblem(expired, 401);
    const otherAudience = await createReferral(
      aReferral(),
      {},
      await idp.tokenFor(keyworker, { audience: 'billing' }),
    );
    expectProblem(otherAudience, 401);

    // A role that may not refer.
    const forbidden = await createReferral(aReferral(), {}, tokens.clinicAdmin);
    expectProblem(forbidden, 403);
    expectProblem(await get(`${booking.url}/referrals-awaiting-booking`, { token: tokens.clinicAdmin }), 403);

    // Unknown and malformed ids.
    expectProblem(await get(`${referrals.url}/referrals/${randomUUID()}`, { token: tokens.keyworker }), 404);
    expectProblem(await get(`${referrals.url}/referrals/not-a-uuid`, { token: tokens.keyworker }), 400);
    expectProblem(
      await get(`${booking.url}/referrals-awaiting-booking/${randomUUID()}`, { token: tokens.keyworker }),
      404,
    );

    // Nothing was created, published or projected. (Give a stray event the relay's time to show up.)
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect({
      referralsInDb: await count(`SELECT count(*) AS n FROM referrals.referral WHERE org_id = $1`, [
        riversideCdas,
      ]),
      listed: (await awaitingBooking()).length,
      outbox: await count(`SELECT count(*) AS n FROM referrals.outbox`),
      awaitingInDb: await count(`SELECT count(*) AS n FROM booking.referral_awaiting_booking`),
    }).toEqual(before);
  });

  scenario('each process reports its dependencies, metrics and API documentation', async () => {
    const referralsReady = await get<{ status: string; checks: Record<string, { status: string }> }>(
      `${referrals.url}/health/ready`,
    );
    expect(referralsReady.status).toBe(200);
    expect(referralsReady.body).toMatchObject({
      status: 'ok',
      checks: { database: { status: 'up' }, kafka: { status: 'up' } },
    });
    expect(Object.keys(referralsReady.body.checks).sort()).toEqual(['database', 'kafka']);

    const bookingReady = await get<{ status: string; checks: Record<string, { status: string }> }>(
      `${booking.url}/health/ready`,
    );
    expect(bookingReady.status).toBe(200);
    expect(bookingReady.body).toMatchObject({
      status: 'ok',
      checks: { database: { status: 'up' }, kafka: { status: 'up' }, redis: { status: 'up' } },
    });

    for (const service of [referrals, booking]) {
      expect((await get(`${service.url}/health/live`)).status).toBe(200);
      const metrics = await get(`${service.url}/metrics`);
      expect(metrics.status).toBe(200);
      expect(metrics.text).toContain('http_request_duration_seconds');
    }
    // Requests are labelled by route pattern, not by raw URL (bounded cardinality).
    const referralMetrics = (await get(`${referrals.url}/metrics`)).text;
    expect(referralMetrics).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/referrals\/:id"/);

    const referralsDocs = await get<{ paths: Record<string, Record<string, unknown>> }>(
      `${referrals.url}/docs/json`,
    );
    expect(referralsDocs.status).toBe(200);
    expect(Object.keys(referralsDocs.body.paths)).toEqual(
      expect.arrayContaining(['/referrals', '/referrals/{id}']),
    );
    expect(Object.keys(referralsDocs.body.paths['/referrals']!)).toContain('post');

    const bookingDocs = await get<{ paths: Record<string, unknown> }>(`${booking.url}/docs/json`);
    expect(bookingDocs.status).toBe(200);
    expect(Object.keys(bookingDocs.body.paths)).toEqual(
      expect.arrayContaining(['/referrals-awaiting-booking', '/referrals-awaiting-booking/{referralId}']),
    );
  });

  scenario(
    'the correlation id of the request that created a referral is on booking’s log line for handling its event',
    async () => {
      const correlationId = `e2e-${randomUUID()}`;
      const created = await createReferral(aReferral(), { 'x-correlation-id': correlationId });
      expect(created.status).toBe(201);
      expect(created.headers.get('x-correlation-id')).toBe(correlationId);
      await eventuallyAwaitingBooking(created.body.id);

      const handled = await eventually(
        () => {
          const line = booking
            .logEntries()
            .find(
              (entry) =>
                entry.msg === 'event handled' &&
                entry['eventType'] === 'referral.created.v1' &&
                entry['correlationId'] === correlationId,
            );
          expect(line).toBeDefined();
          return line!;
        },
        { timeoutMs: 10_000, intervalMs: 100 },
      ).catch((error: unknown) => {
        const handledLines = booking.logs().filter((l) => l.includes('event handled'));
        throw new Error(
          `No 'event handled' line with correlationId ${correlationId} in booking's logs.\n` +
            `'event handled' lines seen:\n${handledLines.join('\n') || '(none)'}\n${String(error)}`,
        );
      });
      expect(handled).toMatchObject({ level: 'debug', consumer: 'booking', service: 'booking' });
    },
  );
});
