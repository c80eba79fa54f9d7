import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import { loadRuntimeConfig, startServices } from '@careloop/runtime';
import { useServiceOverHttp, type HttpAnswer } from '@careloop/testing';
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

export type { HttpAnswer } from '@careloop/testing';

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
  @Module({
    imports: [BookingPolicyForTest, MessagingModule.forService(BOOKING_SCHEMA), ...options.modules],
  })
  class RoutesUnderTest {}
  const service = { ...bookingService, module: RoutesUnderTest, usesScheduler: false };

  const booking = useServiceOverHttp({
    name: 'Booking',
    database: options.database,
    env: () => options.env ?? {},
    start: (env) => startServices([service], loadRuntimeConfig(env), { clock: options.clock }),
  });

  return {
    get dataSource() {
      return booking.served.app.get(Database).dataSource;
    },
    call: (who, method, path, body, headers) => booking.call(who, method, path, body, headers),
  };
}
