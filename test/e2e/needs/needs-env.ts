import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Consumer } from 'kafkajs';
import type { Principal } from '@careloop/auth';
import { TOPICS, deadLetterTopic } from '@careloop/contracts';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  kafkaBrokers,
  startServiceProcess,
  startTestIdentityProvider,
  testKafka,
  uniqueTestId,
  withKafkaAdmin,
  type ServiceProcess,
  type TestDatabase,
  type TestIdentityProvider,
} from '@careloop/testing';
import { PROBLEM_JSON, type HttpResponse, type Problem, type RequestOptions } from '../support/http';

/**
 * The referrals service as its own process on real Postgres and Kafka, trusting a test identity
 * provider over JWKS. Clients are inserted straight into the client context's table; the events the
 * service publishes are read back from its Kafka topic.
 */
export interface NeedsEnvironment {
  referrals: ServiceProcess;
  sql: Client;
  orgId: string;
  principals: Record<PrincipalName, Principal>;
  tokens: Record<PrincipalName, string>;
  /** Kafka messages on the referrals topic so far, parsed. */
  published(): { type: string; subjectId: string; data: Record<string, unknown> }[];
  insertClient(orgId?: string, keyworkerId?: string): Promise<string>;
  call<T = unknown>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    options?: RequestOptions,
  ): Promise<HttpResponse<T>>;
  stop(): Promise<void>;
}

export type PrincipalName = 'keyworker' | 'nurse' | 'manager' | 'clinicAdmin' | 'gpClinician' | 'otherOrg';

export function expectProblem(response: HttpResponse, status: number, code?: string): Problem {
  expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({
    status,
    contentType: expect.stringMatching(PROBLEM_JSON),
  });
  const problem = response.body as Problem;
  if (code) expect(problem.code).toBe(code);
  return problem;
}

export async function startNeedsEnvironment(): Promise<NeedsEnvironment> {
  const orgId = randomUUID();
  const base: Principal = {
    userId: randomUUID(),
    name: 'Alex Morgan',
    roles: ['drug_worker'],
    orgId,
    orgKind: 'cdas',
    siteIds: ['site-central'],
  };
  const principals: Record<PrincipalName, Principal> = {
    keyworker: base,
    nurse: { ...base, userId: randomUUID(), name: 'Priya Shah', roles: ['nurse'] },
    manager: { ...base, userId: randomUUID(), name: 'Ruth Adeyemi', roles: ['service_manager'] },
    clinicAdmin: { ...base, userId: randomUUID(), name: 'Kit Lawson', roles: ['inreach_coordinator'] },
    gpClinician: {
      ...base,
      userId: randomUUID(),
      name: 'Dr Sam Patel',
      roles: ['clinician'],
      orgKind: 'gp_practice',
    },
    otherOrg: { ...base, userId: randomUUID(), name: 'Sam Other', orgId: randomUUID() },
  };
  const topicPrefix = `${uniqueTestId('e2e-needs')}.`;
  const groupId = uniqueTestId('e2e-needs-reader');
  const messages: { type: string; subjectId: string; data: Record<string, unknown> }[] = [];
  let idp: TestIdentityProvider | undefined;
  let database: TestDatabase | undefined;
  let referrals: ServiceProcess | undefined;
  let sql: Client | undefined;
  let consumer: Consumer | undefined;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      await consumer?.disconnect().catch(() => undefined);
      await sql?.end().catch(() => undefined);
      await referrals?.stop();
      await Promise.allSettled([
        database?.drop(),
        idp?.close(),
        deleteTopics(
          Object.values(TOPICS).flatMap((t) => [`${topicPrefix}${t}`, `${topicPrefix}${deadLetterTopic(t)}`]),
        ),
        withKafkaAdmin((admin) => admin.deleteGroups([groupId])),
      ]);
    })());

  try {
    idp = await startTestIdentityProvider({ issuer: 'https://idp.careloop.test/', audience: 'careloop' });
    database = await createTestDatabase('e2e_needs');
    // Nothing in this environment consumes the referrals topic, so nothing else creates it.
    await createTopics([`${topicPrefix}${TOPICS.referrals}`]);
    referrals = await startServiceProcess('referrals', {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_GROUP_PREFIX: `${uniqueTestId('e2e-needs')}.`,
      AUTH_ISSUER: idp.issuer,
      AUTH_AUDIENCE: idp.audience,
      AUTH_JWKS_URL: idp.jwksUrl,
      DEV_IDP: undefined,
      OUTBOX_POLL_MS: '50',
      LOG_LEVEL: 'info',
    });
    sql = new Client({ connectionString: database.url, application_name: 'careloop-e2e-needs' });
    await sql.connect();
    consumer = testKafka().consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic: `${topicPrefix}${TOPICS.referrals}`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value) messages.push(JSON.parse(message.value.toString()));
      },
    });
  } catch (error) {
    await stop();
    throw error;
  }

  const tokens = Object.fromEntries(
    await Promise.all(Object.entries(principals).map(async ([name, p]) => [name, await idp!.tokenFor(p)])),
  ) as Record<PrincipalName, string>;
  const started = { referrals, sql };

  return {
    ...started,
    orgId,
    principals,
    tokens,
    published: () => [...messages],
    async insertClient(clientOrgId = orgId, keyworkerId = principals.keyworker.userId) {
      const id = randomUUID();
      await started.sql.query(
        `INSERT INTO "referrals"."client" ("id", "org_id", "version", "given_name", "family_name", "date_of_birth",
           "keyworker_id", "site_id", "no_fixed_abode", "recently_released_from_prison", "interpreter_needed",
           "created_by", "created_at", "updated_by", "updated_at")
         VALUES ($1, $2, 1, 'Test', 'Client', '1975-05-05', $3, 'site-central', false, false, false, 'e2e', now(), 'e2e', now())`,
        [id, clientOrgId, keyworkerId],
      );
      return id;
    },
    async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, options: RequestOptions = {}) {
      const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
      if (options.token) headers['authorization'] = `Bearer ${options.token}`;
      let body: string | undefined;
      if (options.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      }
      const response = await fetch(`${started.referrals.url}${path}`, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(20_000),
      });
      const text = await response.text();
      const json =
        /json/.test(response.headers.get('content-type') ?? '') && text ? JSON.parse(text) : undefined;
      return { status: response.status, headers: response.headers, body: json as T, text };
    },
    stop,
  };
}
