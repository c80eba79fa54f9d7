import type { Principal } from '@careloop/auth';
import { createTestDatabase, type TestDatabase } from './database';
import { startTestIdentityProvider, type TestIdentityProvider } from './identity-provider';

export interface HttpAnswer<T> {
  status: number;
  contentType: string;
  /** The Idempotency-Key replay header: 'true' when the answer is a stored one. */
  replayed: string | null;
  /** The parsed JSON; undefined when the answer has no body. */
  body: T;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A started service, as far as these helpers need it: where it listens and how it stops. */
export interface ServedOverHttp {
  url: string;
  close(): Promise<void>;
}

export type RuntimeEnv = Record<string, string>;

export interface ServiceOverHttpOptions<S extends ServedOverHttp> {
  /** The service's name, for the error when it did not start. */
  name: string;
  /** The spec's own database on the Postgres server (DATABASE_URL); without one, none is configured. */
  database?: string;
  /**
   * Runtime settings beyond the test's own (PORT 0, silent logs, the database, the test identity
   * provider), worked out at start; they win over the test's own.
   */
  env?: () => RuntimeEnv | Promise<RuntimeEnv>;
  /** Starts the service with those settings (e.g. loadRuntimeConfig, then startServices). */
  start(env: RuntimeEnv): Promise<S>;
}

export interface ServiceOverHttp<S extends ServedOverHttp> {
  /** The started service; throws if it did not start. */
  readonly served: S;
  /** A bearer token for `who` from the test identity provider the service trusts. */
  tokenFor(who: Principal): Promise<string>;
  /** Calls a route as `who` with a JSON body (if any), and parses the JSON answer. */
  call<T = Record<string, unknown>>(
    who: Principal,
    method: HttpMethod,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpAnswer<T>>;
}

/**
 * A service over HTTP as it is deployed, with real tokens (a JWKS from a test identity provider) and
 * its own test database: started before the spec's tests and stopped after them. Call it in the
 * describe block before the spec's own beforeAll, which can then use the service.
 */
export function useServiceOverHttp<S extends ServedOverHttp>(
  options: ServiceOverHttpOptions<S>,
): ServiceOverHttp<S> {
  let testDb: TestDatabase | undefined;
  let idp: TestIdentityProvider | undefined;
  let served: S | undefined;

  beforeAll(async () => {
    if (options.database) testDb = await createTestDatabase(options.database);
    idp = await startTestIdentityProvider({ issuer: 'https://idp.careloop.test/' });
    served = await options.start({
      PORT: '0',
      LOG_LEVEL: 'silent',
      ...(testDb ? { DATABASE_URL: testDb.url } : {}),
      AUTH_ISSUER: idp.issuer,
      AUTH_JWKS_URL: idp.jwksUrl,
      ...(await options.env?.()),
    });
  }, 60_000);

  afterAll(async () => {
    await served?.close();
    await idp?.close();
    await testDb?.drop();
  });

  const started = () => {
    if (!served || !idp)
      throw new Error(`${options.name} over HTTP did not start (see the beforeAll failure)`);
    return { served, idp };
  };

  return {
    get served() {
      return started().served;
    },
    tokenFor: (who) => started().idp.tokenFor(who),
    async call<T = Record<string, unknown>>(
      who: Principal,
      method: HttpMethod,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<HttpAnswer<T>> {
      const { served, idp } = started();
      const response = await fetch(`${served.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await idp.tokenFor(who)}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        replayed: response.headers.get('idempotent-replayed'),
        body: (text ? JSON.parse(text) : undefined) as T,
      };
    },
  };
}
