import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import { loadRuntimeConfig, startServices, type RunningServices } from '@careloop/runtime';
import {
  createTestDatabase,
  startTestIdentityProvider,
  type TestDatabase,
  type TestIdentityProvider,
} from '@careloop/testing';
import type { Clock } from '@careloop/time';
import { BOOKING_POLICY, DEFAULT_BOOKING_POLICY } from '../../src/booking-policy';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { bookingService } from '../../src/booking.service';

/** The booking policy, global as the service module provides it. */
@Global()
@Module({
  providers: [{ provide: BOOKING_POLICY, useValue: DEFAULT_BOOKING_POLICY }],
  exports: [BOOKING_POLICY],
})
class BookingPolicyForTest {}

export interface HttpAnswer<T> {
  status: number;
  contentType: string;
  /** The Idempotency-Key replay header: 'true' when the answer is a stored one. */
  replayed: string | null;
  /** The parsed JSON; undefined when the answer has no body. */
  body: T;
}

export interface BookingOverHttp {
  /** Booking's database, for fixtures written straight into its tables. */
  readonly dataSource: DataSource;
  /** Calls a route as `who`, with a token from the test identity provider. */
  call<T = Record<string, unknown>>(
    who: Principal,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpAnswer<T>>;
}

export interface BookingOverHttpOptions {
  /** The spec's own database name. */
  database: string;
  /** The modules whose routes the spec is about; the policy and the outbox come with them. */
  modules: (Type | DynamicModule)[];
  /** The service's clock, when the spec moves time. */
  clock?: Clock;
  /** More runtime settings (e.g. OUTBOX_POLL_MS). */
  env?: Record<string, string>;
}

/**
 * Booking as it is deployed, with real tokens (JWKS) and Postgres, but only `modules` mounted: started
 * before the spec's tests and stopped after them. Call it in the describe block before the spec's own
 * beforeAll, which can then write fixtures through `dataSource`.
 */
export function useBookingOverHttp(options: BookingOverHttpOptions): BookingOverHttp {
  let testDb: TestDatabase | undefined;
  let idp: TestIdentityProvider | undefined;
  let running: RunningServices | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase(options.database);
    idp = await startTestIdentityProvider({ issuer: 'https://idp.careloop.test/' });
    const config = loadRuntimeConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: testDb.url,
      AUTH_ISSUER: idp.issuer,
      AUTH_JWKS_URL: idp.jwksUrl,
      ...options.env,
    });
    @Module({
      imports: [BookingPolicyForTest, MessagingModule.forService(BOOKING_SCHEMA), ...options.modules],
    })
    class RoutesUnderTest {}
    const service = { ...bookingService, module: RoutesUnderTest, usesScheduler: false };
    running = await startServices([service], config, { clock: options.clock });
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    await idp?.close();
    await testDb?.drop();
  });

  const started = () => {
    if (!running || !idp) throw new Error(`Booking over HTTP did not start (see the beforeAll failure)`);
    return { running, idp };
  };

  return {
    get dataSource() {
      return started().running.app.get(Database).dataSource;
    },
    async call<T = Record<string, unknown>>(
      who: Principal,
      method: 'GET' | 'POST' | 'PUT',
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<HttpAnswer<T>> {
      const { running, idp } = started();
      const response = await fetch(`${running.url}${path}`, {
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
