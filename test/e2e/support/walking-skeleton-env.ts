import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { Principal } from '@careloop/auth';
import {
  eventually,
  startTestIdentityProvider,
  type ServiceProcess,
  type TestDatabase,
  type TestIdentityProvider,
} from '@careloop/testing';
import { withServiceLogs } from './diagnostics';
import { get, post, PROBLEM_JSON, type HttpResponse, type Problem } from './http';
import { aPrincipal, colleagueOf } from './principals';
import type { ReferralView } from './referral-view';
import { E2E_AUDIENCE, E2E_ISSUER, startServiceEnvironment, tokensFor } from './service-env';

/**
 * The walking skeleton on the real infrastructure: referrals and booking as two processes sharing
 * one Postgres database (each in its own schema), talking only through Kafka, trusting tokens from
 * an identity provider they reach over HTTP (JWKS), exactly as deployed.
 *
 * Each spec file starts its own environment in `beforeAll` and stops it in `afterAll`:
 *
 *   let ws: WalkingSkeleton;
 *   beforeAll(async () => { ws = await startWalkingSkeleton(); }, WALKING_SKELETON_START_TIMEOUT_MS);
 *   afterAll(() => ws?.stop(), WALKING_SKELETON_STOP_TIMEOUT_MS);
 *   const scenario = walkingSkeletonScenario(() => ws);
 */

export const WALKING_SKELETON_START_TIMEOUT_MS = 150_000;
export const WALKING_SKELETON_STOP_TIMEOUT_MS = 60_000;

export type { ReferralView } from './referral-view';

/** A registered client with an open need: what a referral is made for. */
export interface Referrable {
  clientId: string;
  needId: string;
}

export interface AwaitingBookingView {
  referralId: string;
  clientId: string;
  destinationKind: string;
  destinationName: string;
  urgency: string;
  referredAt: string;
}

export type TokenHolder = 'keyworker' | 'manager' | 'clinicAdmin' | 'otherOrg' | 'gpClinician';

export interface WalkingSkeleton {
  idp: TestIdentityProvider;
  /** Same issuer and audience as `idp`, different key: what a forger without our IdP's key could sign. */
  strangerIdp: TestIdentityProvider;
  database: TestDatabase;
  referrals: ServiceProcess;
  booking: ServiceProcess;
  /** A connection to the shared test database, for counting rows. */
  sql: Client;
  /** The organisation every principal but `otherOrgKeyworker` belongs to. */
  riversideCdas: string;
  otherCdas: string;
  keyworker: Principal;
  serviceManager: Principal;
  clinicAdmin: Principal;
  otherOrgKeyworker: Principal;
  /** A clinician at a GP practice: never sees a CDAS's referrals. */
  gpClinician: Principal;
  /** Bearer tokens from `idp` for the principals above. */
  tokens: Record<TokenHolder, string>;
  /** Registers a client and records a need for them, over HTTP, as `token`'s holder (the keyworker). */
  referrable(token?: string): Promise<Referrable>;
  /** POST /clients/:clientId/referrals. */
  createReferral(
    clientId: string,
    body: unknown,
    headers?: Record<string, string>,
    token?: string,
  ): Promise<HttpResponse<ReferralView>>;
  /** POST /referrals/:id/actions. */
  act(referralId: string, body: unknown, token?: string): Promise<HttpResponse<ReferralView>>;
  awaitingBooking(token?: string): Promise<AwaitingBookingView[]>;
  /** Waits until booking has heard of the referral (its event crossed Kafka), returns the entry. */
  eventuallyAwaitingBooking(referralId: string): Promise<AwaitingBookingView>;
  count(query: string, params?: unknown[]): Promise<number>;
  expectProblem(response: HttpResponse, status: number, code?: string): Problem;
  /** Stops both processes and removes everything the environment created. Safe to call more than once. */
  stop(): Promise<void>;
}

/** A referral body for the need; sent unless `send: false`. */
export const aReferral = (needId: string, overrides: Record<string, unknown> = {}) => ({
  needId,
  destinationKind: 'gp',
  destinationName: 'Hillside Surgery',
  urgency: 'routine',
  reason: 'Breathless on stairs, productive cough for 3 months: COPD review',
  accompaniment: { needed: false, by: null, transportArranged: false },
  send: true,
  ...overrides,
});

/**
 * Starts the identity providers, a test database, booking and then referrals (booking first: it
 * creates its topics and joins its consumer group before anything is published). If any step fails,
 * whatever had started is stopped before the error is rethrown.
 */
export async function startWalkingSkeleton(): Promise<WalkingSkeleton> {
  const riversideCdas = randomUUID();
  const otherCdas = randomUUID();

  const keyworker = aPrincipal({ name: 'Alex Morgan', roles: ['drug_worker'], orgId: riversideCdas });
  const serviceManager = colleagueOf(keyworker, { name: 'Ruth Adeyemi', roles: ['service_manager'] });
  const clinicAdmin = colleagueOf(keyworker, { name: 'Jo Bennett', roles: ['clinic_admin'] });
  const gpClinician = aPrincipal({
    name: 'Dr Sam Patel',
    roles: ['clinician'],
    orgKind: 'gp_practice',
    siteIds: [],
  });
  // The keyworker's role and sites, at another CDAS.
  const otherOrgKeyworker = colleagueOf(keyworker, { name: 'Sam Other', orgId: otherCdas });

  const environment = await startServiceEnvironment('walking-skeleton');
  let started: Pick<WalkingSkeleton, 'idp' | 'strangerIdp' | 'database' | 'referrals' | 'booking' | 'sql'>;
  let tokens: Record<TokenHolder, string>;
  try {
    const strangerIdp = await startTestIdentityProvider({ issuer: E2E_ISSUER, audience: E2E_AUDIENCE });
    environment.onStop(() => strangerIdp.close());
    // Booking first: it creates its topics and joins its consumer group before anything is published.
    const booking = await environment.start('booking', { LOG_LEVEL: 'debug' });
    const referrals = await environment.start('referrals');
    const { idp, database, sql } = environment;
    started = { idp, strangerIdp, database, referrals, booking, sql };
    tokens = await tokensFor(idp, {
      keyworker,
      manager: serviceManager,
      clinicAdmin,
      otherOrg: otherOrgKeyworker,
      gpClinician,
    });
  } catch (error) {
    await environment.stop();
    throw error;
  }

  async function referrable(token = tokens.keyworker): Promise<Referrable> {
    const client = await post<{ id: string }>(`${started.referrals.url}/clients`, {
      token,
      body: {
        name: { given: 'Joanne', family: 'Smith' },
        dateOfBirth: '1978-04-02',
        siteId: keyworker.siteIds[0],
      },
    });
    expect(client.status).toBe(201);
    const need = await post<{ id: string }>(`${started.referrals.url}/clients/${client.body.id}/needs`, {
      token,
      body: { category: 'respiratory_copd' },
    });
    expect(need.status).toBe(201);
    return { clientId: client.body.id, needId: need.body.id };
  }

  async function createReferral(
    clientId: string,
    body: unknown,
    headers: Record<string, string> = {},
    token = tokens.keyworker,
  ): Promise<HttpResponse<ReferralView>> {
    return post<ReferralView>(`${started.referrals.url}/clients/${clientId}/referrals`, {
      token,
      body,
      headers,
    });
  }

  async function act(referralId: string, body: unknown, token = tokens.keyworker) {
    return post<ReferralView>(`${started.referrals.url}/referrals/${referralId}/actions`, { token, body });
  }

  async function awaitingBooking(token = tokens.keyworker): Promise<AwaitingBookingView[]> {
    const response = await get<AwaitingBookingView[]>(`${started.booking.url}/referrals-awaiting-booking`, {
      token,
    });
    expect(response.status).toBe(200);
    return response.body;
  }

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
    const result = await started.sql.query<{ n: string }>(query, params);
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

  return {
    ...started,
    riversideCdas,
    otherCdas,
    keyworker,
    serviceManager,
    clinicAdmin,
    otherOrgKeyworker,
    gpClinician,
    tokens,
    referrable,
    createReferral,
    act,
    awaitingBooking,
    eventuallyAwaitingBooking,
    count,
    expectProblem,
    stop: environment.stop,
  };
}

/**
 * `it` for the walking skeleton: the body receives the running environment, and its failure message
 * ends with what both services logged.
 */
export function walkingSkeletonScenario(
  environment: () => WalkingSkeleton | undefined,
): (name: string, body: (ws: WalkingSkeleton) => Promise<void>) => void {
  return (name, body) =>
    it(
      name,
      withServiceLogs(
        () => [environment()?.referrals, environment()?.booking],
        async () => {
          const ws = environment();
          if (!ws) throw new Error('The walking skeleton did not start (see the beforeAll failure).');
          await body(ws);
        },
      ),
    );
}

/**
 * A describe block with its own walking skeleton: started before its scenarios (then `afterStart`),
 * stopped after them. Each spec file stands alone, so each starts its own environment.
 */
export function describeWalkingSkeleton(
  title: string,
  define: (scenario: ReturnType<typeof walkingSkeletonScenario>) => void,
  options: { afterStart?: (ws: WalkingSkeleton) => Promise<void> } = {},
): void {
  describe(title, () => {
    let ws: WalkingSkeleton | undefined;
    beforeAll(async () => {
      ws = await startWalkingSkeleton();
      await options.afterStart?.(ws);
    }, WALKING_SKELETON_START_TIMEOUT_MS);
    afterAll(async () => {
      await ws?.stop();
    }, WALKING_SKELETON_STOP_TIMEOUT_MS);
    define(walkingSkeletonScenario(() => ws));
  });
}
