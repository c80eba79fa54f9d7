import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import type { Principal } from '@careloop/auth';
import { TOPICS, deadLetterTopic } from '@careloop/contracts';
import {
  createTestDatabase,
  deleteTopics,
  kafkaBrokers,
  startServiceProcess,
  startTestIdentityProvider,
  uniqueTestId,
  type ServiceProcess,
  type TestDatabase,
  type TestIdentityProvider,
} from '@careloop/testing';
import { withServiceLogs } from '../support/diagnostics';
import { PROBLEM_JSON, type HttpResponse, type Problem } from '../support/http';

/** Shared by the client end-to-end files: users, an HTTP client for every verb, the referrals process. */

export interface ClientView {
  id: string;
  version: number;
  name: { given: string; family: string };
  nhsNumber: string | null;
  contacts: { contactId: string; phone: string; safeToText: boolean; verifiedBy: string | null }[];
  consents: Record<string, { given: boolean; recordedBy: string | null }>;
}

const ISSUER = 'https://idp.careloop.test/';
const riverside = randomUUID();
export const site = randomUUID();
export const keyworker: Principal = {
  userId: randomUUID(),
  name: 'Alex Morgan',
  roles: ['drug_worker'],
  orgId: riverside,
  orgKind: 'cdas',
  siteIds: [site],
};
export const manager: Principal = {
  ...keyworker,
  userId: randomUUID(),
  name: 'Ruth Adeyemi',
  roles: ['service_manager'],
};
export const otherCdas: Principal = {
  ...keyworker,
  userId: randomUUID(),
  orgId: randomUUID(),
  siteIds: [randomUUID()],
};
export const gp: Principal = {
  userId: randomUUID(),
  name: 'Dr Sam Patel',
  roles: ['clinician'],
  orgId: randomUUID(),
  orgKind: 'gp_practice',
  siteIds: [randomUUID()],
};
export const hospital: Principal = {
  ...gp,
  userId: randomUUID(),
  name: 'Jo Bennett',
  orgKind: 'hospital',
  roles: ['clinic_admin'],
};

export async function send<T = unknown>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResponse<T>> {
  const response = await fetch(url, {
    method,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  const json = /json/.test(response.headers.get('content-type') ?? '') && text.length > 0;
  return {
    status: response.status,
    headers: response.headers,
    body: (json ? JSON.parse(text) : undefined) as T,
    text,
  };
}

export function expectProblem(response: HttpResponse, status: number, code?: string): Problem {
  expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({
    status,
    type: expect.stringMatching(PROBLEM_JSON),
  });
  const problem = response.body as Problem;
  if (code) expect(problem.code).toBe(code);
  return problem;
}

export const aClient = (overrides: Record<string, unknown> = {}) => ({
  name: { given: 'Joanne', family: 'Smith' },
  dateOfBirth: '1978-04-02',
  siteId: site,
  ...overrides,
});

/**
 * Starts the referrals service as its own process on a fresh database, real Kafka (its own topic
 * prefix) and a JWKS identity provider, for the enclosing describe block.
 */
export function useReferralsService() {
  let idp: TestIdentityProvider;
  let database: TestDatabase;
  let referrals: ServiceProcess;
  const harness = {
    sql: undefined as unknown as PgClient,
    tokens: { keyworker: '', manager: '', otherCdas: '', gp: '', hospital: '' },
    url: (path: string) => `${referrals.url}${path}`,
    scenario: (name: string, body: () => Promise<void>) =>
      it(
        name,
        withServiceLogs(() => [referrals], body),
      ),
  };
  const topicPrefix = `${uniqueTestId('e2e-clients')}.`;

  beforeAll(async () => {
    idp = await startTestIdentityProvider({ issuer: ISSUER, audience: 'careloop' });
    database = await createTestDatabase('e2e_clients');
    referrals = await startServiceProcess('referrals', {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_GROUP_PREFIX: `${uniqueTestId('e2e-clients')}.`,
      AUTH_ISSUER: idp.issuer,
      AUTH_AUDIENCE: idp.audience,
      AUTH_JWKS_URL: idp.jwksUrl,
      DEV_IDP: undefined,
      OUTBOX_POLL_MS: '50',
      LOG_LEVEL: 'info',
    });
    harness.sql = new PgClient({ connectionString: database.url, application_name: 'careloop-e2e-clients' });
    await harness.sql.connect();
    const users = { keyworker, manager, otherCdas, gp, hospital };
    for (const [role, principal] of Object.entries(users)) {
      harness.tokens[role as keyof typeof users] = await idp.tokenFor(principal);
    }
  }, 150_000);

  afterAll(async () => {
    await harness.sql?.end().catch(() => undefined);
    await referrals?.stop();
    await Promise.allSettled([
      database?.drop(),
      idp?.close(),
      deleteTopics(
        Object.values(TOPICS).flatMap((t) => [`${topicPrefix}${t}`, `${topicPrefix}${deadLetterTopic(t)}`]),
      ),
    ]);
  }, 60_000);

  return harness;
}
