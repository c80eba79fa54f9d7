import { backoffDelayMs, withRetries, type AttemptFailure, type RetryPolicy } from './retry';
import { SmsGatewayUnavailableError, SmsRejectedError } from './sms-gateway';
import type { Timer } from './timer';

const policy: RetryPolicy = { attempts: 4, firstDelayMs: 100, maxDelayMs: 300 };

function recordingTimer(): Timer & { slept: number[] } {
  const slept: number[] = [];
  return { slept, now: () => 0, sleep: async (ms) => void slept.push(ms) };
}

/** An attempt that fails with each of `failures` in turn, then answers 'sent'. */
function failingWith(failures: AttemptFailure[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    attempt: async () => {
      calls++;
      if (calls <= failures.length) throw failures[calls - 1];
      return 'sent';
    },
  };
}

const classify = (error: unknown) => error as AttemptFailure;

describe('retrying a send', () => {
  it('doubles the backoff from the first delay up to the ceiling, waiting at least half of each step', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(policy, n, () => 0))).toEqual([50, 100, 150, 150]);
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(policy, n, () => 1))).toEqual([100, 200, 300, 300]);
  });

  it('retries a retryable failure, backing off, until the attempt succeeds', async () => {
    const timer = recordingTimer();
    const send = failingWith([
      { kind: 'retry', problem: 'http_429 20429' },
      { kind: 'retry', problem: 'http_503' },
    ]);
    const result = await withRetries({
      gateway: 'twilio',
      policy,
      timer,
      random: () => 0,
      attempt: send.attempt,
      classify,
    });
    expect(result).toBe('sent');
    expect(send.calls).toBe(3);
    expect(timer.slept).toEqual([50, 100]);
  });

  it('gives up as unavailable after the last attempt, naming what it last got', async () => {
    const timer = recordingTimer();
    const send = failingWith(
      Array.from({ length: 10 }, () => ({ kind: 'retry', problem: 'http_500' }) as const),
    );
    const outcome = withRetries({ gateway: 'notify', policy, timer, attempt: send.attempt, classify });
    await expect(outcome).rejects.toBeInstanceOf(SmsGatewayUnavailableError);
    await expect(outcome).rejects.toMatchObject({ gateway: 'notify', lastProblem: 'http_500', attempts: 4 });
    expect(send.calls).toBe(4);
    expect(timer.slept).toHaveLength(3);
  });

  it('stops at once on a failure that retrying cannot help', async () => {
    const timer = recordingTimer();
    const rejected = new SmsRejectedError('twilio', '21610', 'opted_out');
    const send = failingWith([{ kind: 'fail', error: rejected }]);
    await expect(
      withRetries({ gateway: 'twilio', policy, timer, attempt: send.attempt, classify }),
    ).rejects.toBe(rejected);

    const misconfigured = failingWith([
      { kind: 'retry', problem: 'http_500' },
      { kind: 'unavailable', problem: 'http_401 20003' },
    ]);
    await expect(
      withRetries({ gateway: 'twilio', policy, timer, attempt: misconfigured.attempt, classify }),
    ).rejects.toMatchObject({
      name: 'SmsGatewayUnavailableError',
      lastProblem: 'http_401 20003',
      attempts: 2,
    });
    expect(send.calls + misconfigured.calls).toBe(3);
    expect(timer.slept).toHaveLength(1);
  });
});
