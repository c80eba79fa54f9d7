import type { Client } from 'pg';
import type { Principal } from '@careloop/auth';
import type { ServiceProcess, TestIdentityProvider } from '@careloop/testing';
import { aPrincipal, colleagueOf } from './principals';
import { startWithCast, type ServiceEnvironment, type ServiceProcessEnv } from './service-env';

/**
 * In-reach on the real infrastructure: booking, in-reach and referrals as three processes sharing one
 * Postgres test database (each in its own schema), talking only through Kafka, trusting tokens from a
 * test identity provider over JWKS, in-reach's horizon job on BullMQ in Redis under its own prefix.
 * Booking announces sites to in-reach, makes slots of the sessions in-reach publishes and moves the
 * clients of a cancelled session (its timer, every second here); referrals is there because booking
 * learns the clients it books for from referrals' events, and shows what happened on their timelines.
 */

export const INREACH_ENV_START_TIMEOUT_MS = 180_000;
export const INREACH_ENV_STOP_TIMEOUT_MS = 60_000;

export type InreachTokenHolder = 'coordinator' | 'keyworker' | 'otherKeyworker' | 'otherCoordinator';

export interface InreachEnvironment {
  idp: TestIdentityProvider;
  booking: ServiceProcess;
  inreach: ServiceProcess;
  referrals: ServiceProcess;
  /** A connection to the shared test database, for what no API shows. */
  sql: Client;
  /** Riverside's in-reach coordinator: registers the CDAS and its site in booking, runs in-reach. */
  coordinator: Principal;
  /** A Riverside drug worker: registers clients and books them into in-reach sessions. */
  keyworker: Principal;
  /** A drug worker of another CDAS: in-reach at Riverside is not for their clients. */
  otherKeyworker: Principal;
  /** The other CDAS's in-reach coordinator. */
  otherCoordinator: Principal;
  tokens: Record<InreachTokenHolder, string>;
  /** Stops the processes and removes everything the environment created. Safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Starts the identity provider and a test database, then booking, in-reach and referrals (each reads
 * its topics from the beginning, so the order only saves waiting). If any step fails, whatever had
 * started is stopped before the error is rethrown.
 */
export function startInreachEnvironment(): Promise<InreachEnvironment> {
  return startInreachServices('inreach', { LOG_LEVEL: 'debug' }, async () => ({}));
}

/**
 * The in-reach environment with more in it: booking, in-reach (with `inreachEnv`), whatever
 * `startMore` starts on the environment (the consumers before the publisher they wait for), then
 * referrals. `label` names the database and prefixes. If any step fails, whatever had started is
 * stopped before the error is rethrown.
 */
export function startInreachServices<More extends object>(
  label: string,
  inreachEnv: ServiceProcessEnv,
  startMore: (environment: ServiceEnvironment) => Promise<More>,
): Promise<InreachEnvironment & More> {
  return startWithCast(label, inreachPrincipals(), async (environment) => {
    // Booking's timer (the cancellation cascade, hold expiry) ticks every second: each step shows in seconds.
    const booking = await environment.start('booking', { LOG_LEVEL: 'debug', BOOKING_TIMER_SECONDS: '1' });
    const inreach = await environment.start('inreach', inreachEnv);
    const more = await startMore(environment);
    const referrals = await environment.start('referrals');
    return { ...more, booking, inreach, referrals };
  });
}

/**
 * Riverside's in-reach coordinator and a drug worker there, and the same pair at another CDAS, each
 * with ids (and each CDAS with an organisation and a site) of its own.
 */
export function inreachPrincipals(): Record<InreachTokenHolder, Principal> {
  const coordinator = aPrincipal({ name: 'Priya Shah', roles: ['inreach_coordinator'] });
  const otherCoordinator = aPrincipal({ name: 'Chris Owusu', roles: ['inreach_coordinator'] });
  return {
    coordinator,
    keyworker: colleagueOf(coordinator, { name: 'Alex Morgan', roles: ['drug_worker'] }),
    otherCoordinator,
    otherKeyworker: colleagueOf(otherCoordinator, { name: 'Sam Other', roles: ['drug_worker'] }),
  };
}
