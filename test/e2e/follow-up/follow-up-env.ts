import type { Principal } from '@careloop/auth';
import type { ServiceProcess } from '@careloop/testing';
import { aPrincipal, colleagueOf } from '../support/principals';
import { startRemindersTexting, type RemindersTexting } from '../support/reminders-loop-env';
import { startWithCast, type ServiceEnvironment } from '../support/service-env';

/**
 * The closed loop on the real infrastructure: referrals, booking and reminders as three processes
 * sharing one Postgres test database (each in its own schema), talking only through Kafka, trusting
 * tokens from a test identity provider over JWKS, reminders on BullMQ in Redis and texting through the
 * real `twilio` SDK to a fake Twilio that calls its webhooks back, signed (startRemindersTexting, with
 * quiet hours away from now). The services take their clock from the system: an appointment is made
 * "past" by booking a slot that starts a few seconds later.
 *
 * The Kafka prefixes of the services' topics and consumer groups are the environment's: the
 * redelivery step reads every message of the journey and watches every group by them.
 */

export const FOLLOW_UP_START_TIMEOUT_MS = 180_000;
export const FOLLOW_UP_STOP_TIMEOUT_MS = 60_000;

export type FollowUpTokenHolder = 'keyworker' | 'manager' | 'clinicAdmin';

export interface FollowUpEnvironment
  extends RemindersTexting, Pick<ServiceEnvironment, 'sql' | 'topicPrefix' | 'groupPrefix' | 'stop'> {
  referrals: ServiceProcess;
  booking: ServiceProcess;
  /** Riverside CDAS's drug worker: registers the client, refers, books, works the tasks. */
  keyworker: Principal;
  /** Riverside CDAS's service manager: reads the reports. */
  manager: Principal;
  /** The outpatient clinic's administrator at Northgate Hospital: publishes slots, records attendance. */
  clinicAdmin: Principal;
  tokens: Record<FollowUpTokenHolder, string>;
}

/**
 * Starts the identity provider and a test database, then booking, the fake Twilio and reminders, and
 * referrals (the consumers before the publisher they wait for). If any step fails, whatever had
 * started is stopped before the error is rethrown.
 */
export function startFollowUpEnvironment(): Promise<FollowUpEnvironment> {
  return startWithCast('follow-up', followUpPrincipals(), async (environment) => {
    const booking = await environment.start('booking', { LOG_LEVEL: 'debug' });
    const texting = await startRemindersTexting(environment);
    const referrals = await environment.start('referrals');
    return { ...texting, booking, referrals };
  });
}

/** A CDAS's keyworker and service manager, and an outpatient clinic's administrator at a hospital. */
function followUpPrincipals(): Record<FollowUpTokenHolder, Principal> {
  const keyworker = aPrincipal({ name: 'Alex Morgan', roles: ['drug_worker'] });
  return {
    keyworker,
    manager: colleagueOf(keyworker, { name: 'Ruth Adeyemi', roles: ['service_manager'] }),
    clinicAdmin: aPrincipal({
      name: 'Jo Bennett',
      roles: ['clinic_admin'],
      orgKind: 'hospital',
      siteIds: [],
    }),
  };
}
