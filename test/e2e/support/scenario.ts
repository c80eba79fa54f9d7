import type { ServiceProcess } from '@careloop/testing';
import { withServiceLogs } from './diagnostics';

/**
 * `it` for a suite whose beforeAll starts its environment: the body receives the running environment
 * (the test fails saying so when it did not start), and a failure ends with the last `tailLines` lines
 * each of `services` logged.
 *
 *   const scenario = scenarioIn(() => env, (e) => [e.referrals, e.booking]);
 *   scenario('books the slot', 120_000, async (e) => { ... });
 */
export function scenarioIn<Environment>(
  environment: () => Environment | undefined,
  services: (env: Environment) => ServiceProcess[],
  tailLines?: number,
): (name: string, timeoutMs: number, body: (env: Environment) => Promise<void>) => void {
  return (name, timeoutMs, body) =>
    it(
      name,
      withServiceLogs(
        () => {
          const env = environment();
          return env ? services(env) : [];
        },
        () => {
          const env = environment();
          if (!env) throw new Error('The environment did not start (see the beforeAll failure).');
          return body(env);
        },
        tailLines,
      ),
      timeoutMs,
    );
}
