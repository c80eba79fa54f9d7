import { SmsGatewayUnavailableError, SmsOutcomeUnknownError, type SmsGatewayName } from './sms-gateway';
import { realTimer, type Timer } from './timer';

/** How often and how patiently an adapter retries a 429 or 5xx before giving up. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The backoff before the first retry; it doubles each time, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/** Four attempts over roughly 2-4 s: enough to ride out a 429 burst, short enough for a reminder job. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, firstDelayMs: 500, maxDelayMs: 4000 };

/**
 * What one failed attempt means: try again; stop as unavailable (nothing was sent, but retrying now
 * cannot help, e.g. refused credentials); or stop with this error.
 */
export type AttemptFailure =
  | { kind: 'retry'; problem: string }
  | { kind: 'unavailable'; problem: string }
  | { kind: 'fail'; error: Error };

/**
 * The wait before retry number `retry` (1-based): exponential, with "equal jitter" (half fixed, half
 * random) so many senders backing off together spread out yet each waits at least half its step.
 */
export function backoffDelayMs(
  policy: RetryPolicy,
  retry: number,
  random: () => number = Math.random,
): number {
  const step = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (retry - 1));
  return step / 2 + (random() * step) / 2;
}

export interface RetryOptions<T> {
  gateway: SmsGatewayName;
  policy: RetryPolicy;
  attempt: () => Promise<T>;
  /** Reads a failed attempt; errors it does not recognise should be rethrown as they are. */
  classify: (error: unknown) => AttemptFailure;
  timer?: Timer;
  random?: () => number;
}

/** Runs `attempt` until it succeeds, fails for good, or the retries run out (SmsGatewayUnavailableError). */
export async function withRetries<T>(options: RetryOptions<T>): Promise<T> {
  const timer = options.timer ?? realTimer;
  for (let attempt = 1; ; attempt++) {
    try {
      return await options.attempt();
    } catch (error) {
      const failure = options.classify(error);
      if (failure.kind === 'fail') throw failure.error;
      if (failure.kind === 'unavailable' || attempt >= options.policy.attempts) {
        throw new SmsGatewayUnavailableError(options.gateway, failure.problem, attempt);
      }
      await timer.sleep(backoffDelayMs(options.policy, attempt, options.random));
    }
  }
}

/**
 * An HTTP error answer to a send (the request reached the gateway). Only 429 (rate limited) and 503
 * (not taken: overloaded or in maintenance) say the message was not accepted, so only they are
 * retried. Any other 5xx (500, 502, 504...) may come after the gateway took the message, or from a
 * proxy in front of it: resending could text the client twice, so its outcome is unknown (ADR 20).
 * Returns undefined for a status below 500 other than 429: the adapter reads those itself.
 */
export function classifyServerAnswer(
  gateway: SmsGatewayName,
  status: number,
  problem: string,
): AttemptFailure | undefined {
  if (status === 429 || status === 503) return { kind: 'retry', problem };
  if (status >= 500) return { kind: 'fail', error: new SmsOutcomeUnknownError(gateway, problem) };
  return undefined;
}
