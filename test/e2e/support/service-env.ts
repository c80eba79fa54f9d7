import { Client } from 'pg';
import type { Principal } from '@careloop/auth';
import { TOPICS, deadLetterTopic } from '@careloop/contracts';
import {
  createTestDatabase,
  deleteRedisKeys,
  deleteTopics,
  kafkaBrokers,
  redisUrl,
  startServiceProcess,
  startTestIdentityProvider,
  uniqueRedisPrefix,
  uniqueTestId,
  withKafkaAdmin,
  type CareloopApp,
  type ServiceProcess,
  type TestDatabase,
  type TestIdentityProvider,
} from '@careloop/testing';

/** The issuer every end-to-end identity provider signs as, and the audience the services expect. */
export const E2E_ISSUER = 'https://idp.careloop.test/';
export const E2E_AUDIENCE = 'careloop';

export type ServiceProcessEnv = Record<string, string | undefined>;

/** How long an effect may take to cross Kafka from one running service to another, polled. */
export const ACROSS_KAFKA = { timeoutMs: 30_000, intervalMs: 200 };

/**
 * What every multi-process end-to-end environment stands on, as deployed: a test identity provider
 * the services trust over HTTP (JWKS), one Postgres test database (each service in its own schema),
 * Kafka topics and consumer groups and Redis keys under prefixes of its own, and the service
 * processes started on all of that.
 */
export interface ServiceEnvironment {
  idp: TestIdentityProvider;
  database: TestDatabase;
  /** A connection to the shared test database, for what no API shows. */
  sql: Client;
  /** What every service's Kafka topics are named under (a suite that reads or replays them finds them so). */
  topicPrefix: string;
  /** What every service's consumer group is named under: the prefix, then the app's name. */
  groupPrefix: string;
  /**
   * Starts `app` as its own process on the shared keys, `env` winning (LOG_LEVEL, a gateway...);
   * resolves once it is ready. stop() stops it and deletes its consumer group.
   */
  start(app: CareloopApp, env?: ServiceProcessEnv): Promise<ServiceProcess>;
  /** Something the caller started beside the services (a second IdP, a fake Twilio), for stop(). */
  onStop(cleanup: () => Promise<unknown>): void;
  /**
   * Stops the processes, then removes everything the environment created: the database, topics,
   * groups, Redis keys, the IdP and whatever was handed to onStop. Safe to call more than once.
   */
  stop(): Promise<void>;
}

/**
 * Starts the identity provider and the test database; `label` names the database and prefixes so a
 * leftover is traceable to its suite. If a step fails, whatever had started is removed first.
 */
export async function startServiceEnvironment(label: string): Promise<ServiceEnvironment> {
  const topicPrefix = `${uniqueTestId(`e2e-${label}`)}.`;
  const groupPrefix = `${uniqueTestId(`e2e-${label}`)}.`;
  const redisPrefix = uniqueRedisPrefix(`e2e-${label}`);
  const processes: ServiceProcess[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  let idp: TestIdentityProvider | undefined;
  let database: TestDatabase | undefined;
  let sql: Client | undefined;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      await sql?.end().catch(() => undefined);
      await Promise.allSettled(processes.map((p) => p.stop()));
      await Promise.allSettled([
        database?.drop(),
        idp?.close(),
        ...cleanups.map((cleanup) => cleanup()),
        deleteRedisKeys(redisPrefix),
        deleteTopics(
          Object.values(TOPICS).flatMap((t) => [`${topicPrefix}${t}`, `${topicPrefix}${deadLetterTopic(t)}`]),
        ),
        // A service's group is empty once its process has stopped.
        withKafkaAdmin((admin) => admin.deleteGroups(processes.map((p) => `${groupPrefix}${p.app}`))),
      ]);
    })());

  try {
    idp = await startTestIdentityProvider({ issuer: E2E_ISSUER, audience: E2E_AUDIENCE });
    database = await createTestDatabase(`e2e_${label}`);
    sql = new Client({ connectionString: database.url, application_name: `careloop-e2e-${label}` });
    await sql.connect();
  } catch (error) {
    await stop();
    throw error;
  }

  const shared: ServiceProcessEnv = {
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
    LOG_LEVEL: 'info',
  };
  return {
    idp,
    database,
    sql,
    topicPrefix,
    groupPrefix,
    async start(app, env = {}) {
      const started = await startServiceProcess(app, { ...shared, ...env });
      processes.push(started);
      return started;
    },
    onStop: (cleanup) => void cleanups.push(cleanup),
    stop,
  };
}

/** The cast of an environment, their tokens under the same names, and the environment's own parts. */
export type EnvironmentWithCast<Holder extends string> = Record<Holder, Principal> & {
  tokens: Record<Holder, string>;
} & Pick<ServiceEnvironment, 'idp' | 'database' | 'sql' | 'topicPrefix' | 'groupPrefix' | 'stop'>;

/**
 * Starts a service environment (`label`), then what `startServices` starts on it (the services and
 * fakes, in order); resolves to that, with the cast and a token for each. If a step fails, whatever had
 * started is removed before the error is rethrown.
 */
export async function startWithCast<Holder extends string, Started extends object>(
  label: string,
  cast: Record<Holder, Principal>,
  startServices: (environment: ServiceEnvironment) => Promise<Started>,
): Promise<Started & EnvironmentWithCast<Holder>> {
  const environment = await startServiceEnvironment(label);
  try {
    const started = await startServices(environment);
    const { idp, database, sql, topicPrefix, groupPrefix, stop } = environment;
    const tokens = await tokensFor(idp, cast);
    return { ...started, ...cast, tokens, idp, database, sql, topicPrefix, groupPrefix, stop };
  } catch (error) {
    await environment.stop();
    throw error;
  }
}

/** A bearer token from `idp` for each principal, under the same names. */
export async function tokensFor<Name extends string>(
  idp: TestIdentityProvider,
  principals: Record<Name, Principal>,
): Promise<Record<Name, string>> {
  const entries = Object.entries<Principal>(principals);
  const tokens = await Promise.all(entries.map(([, principal]) => idp.tokenFor(principal)));
  return Object.fromEntries(entries.map(([name], i) => [name, tokens[i]!])) as Record<Name, string>;
}

export { freePort } from '@careloop/testing';
