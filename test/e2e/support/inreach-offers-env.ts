import { startInreachServices, type InreachEnvironment } from './inreach-env';
import { startRemindersTexting, type RemindersTexting } from './reminders-loop-env';

/**
 * In-reach offers on the real infrastructure: booking, in-reach, reminders and referrals as four
 * processes sharing one Postgres test database (each in its own schema), talking only through Kafka,
 * trusting tokens from a test identity provider over JWKS, with BullMQ jobs in Redis under their own
 * prefix. In-reach's offer job ticks every second and booking's timer too, so an offer, a declined one
 * passing on, and a booking show within seconds. Reminders texts through the real `twilio` SDK to a
 * fake Twilio, which posts the clients' replies to its inbound webhook, signed (startRemindersTexting,
 * as in the reminders loop).
 */

export const INREACH_OFFERS_START_TIMEOUT_MS = 180_000;
export const INREACH_OFFERS_STOP_TIMEOUT_MS = 60_000;

/** The in-reach environment's services and principals, plus reminders and the Twilio it texts through. */
export interface InreachOffersEnvironment extends InreachEnvironment, RemindersTexting {}

/**
 * Starts the identity provider and a test database, then booking, in-reach (its offer job every
 * second), the fake Twilio and reminders, and referrals. If any step fails, whatever had started is
 * stopped before the error is rethrown.
 */
export function startInreachOffersEnvironment(): Promise<InreachOffersEnvironment> {
  const inreachEnv = { LOG_LEVEL: 'debug', INREACH_OFFER_TICK_SECONDS: '1' };
  return startInreachServices('inreach-offers', inreachEnv, startRemindersTexting);
}
