import { Module, type DynamicModule, type Type } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import { loadRuntimeConfig, startServices, type RunningServices } from '@careloop/runtime';
import { useServiceOverHttp, type HttpAnswer } from '@careloop/testing';
import type { Clock } from '@careloop/time';
import { InreachPolicyModule } from '../../src/inreach-policy.module';
import { INREACH_SCHEMA } from '../../src/inreach-schema';
import { inreachService } from '../../src/inreach.service';

export type { HttpAnswer } from '@careloop/testing';

export type Method = 'GET' | 'POST' | 'PATCH';

export interface InreachOverHttp {
  /** In-reach's database, for fixtures written straight into its tables and for checks. */
  readonly dataSource: DataSource;
  /** The running process (its bus, its providers). */
  readonly running: RunningServices;
  /** Calls a route as `who`, with a token from the test identity provider. */
  call<T = Record<string, unknown>>(
    who: Principal,
    method: Method,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpAnswer<T>>;
  /** GETs a route as `who` and keeps the answer as text (a printable page, a CSV export). */
  text(who: Principal, path: string, headers?: Record<string, string>): Promise<TextAnswer>;
}

export interface TextAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export interface InreachOverHttpOptions {
  /** The spec's own database on the Postgres server; without one, embedded PGlite in memory. */
  database?: string;
  /** The modules whose routes the spec is about (the policy and the outbox come with them). */
  modules?: (Type | DynamicModule)[];
  /** The service's clock, when the spec moves time. */
  clock?: Clock;
  /** More runtime settings (e.g. KAFKA_BROKERS). */
  env?: Record<string, string>;
}

/**
 * In-reach as it is deployed, with real tokens (JWKS) and Postgres, but only `modules` mounted (all of
 * the service, horizon job included, when none is given): started before the spec's tests and stopped
 * after them. Call it in the describe block before the spec's own beforeAll.
 */
export function useInreachOverHttp(options: InreachOverHttpOptions): InreachOverHttp {
  const modules = options.modules;
  @Module({
    imports: modules
      ? [InreachPolicyModule, MessagingModule.forService(INREACH_SCHEMA), ...modules]
      : [inreachService.module],
  })
  class RoutesUnderTest {}
  const service = { ...inreachService, module: RoutesUnderTest, usesScheduler: !modules };

  const inreach = useServiceOverHttp({
    name: 'In-reach',
    database: options.database,
    env: () => options.env ?? {},
    start: (env) => startServices([service], loadRuntimeConfig(env), { clock: options.clock }),
  });

  return {
    get dataSource() {
      return inreach.served.app.get(Database).dataSource;
    },
    get running() {
      return inreach.served;
    },
    call: (who, method, path, body, headers) => inreach.call(who, method, path, body, headers),
    async text(who, path, headers = {}) {
      const response = await fetch(`${inreach.served.url}${path}`, {
        headers: { authorization: `Bearer ${await inreach.tokenFor(who)}`, ...headers },
      });
      return { status: response.status, headers: response.headers, text: await response.text() };
    },
  };
}
