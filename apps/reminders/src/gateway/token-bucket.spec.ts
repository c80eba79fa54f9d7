import type { Timer } from './timer';
import { TokenBucket } from './token-bucket';

/** Time that moves only when someone sleeps (or the test says so). */
class SteppingTimer implements Timer {
  at = 0;
  now(): number {
    return this.at;
  }
  async sleep(ms: number): Promise<void> {
    this.at += ms;
  }
}

describe('the per-sender token bucket', () => {
  it('lets a burst through at once, then one message every 1/rate seconds', async () => {
    const timer = new SteppingTimer();
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 3 }, timer);
    const sentAt: number[] = [];
    for (let i = 0; i < 6; i++) {
      await bucket.take();
      sentAt.push(timer.now());
    }
    expect(sentAt).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('refills while idle, never beyond the burst', async () => {
    const timer = new SteppingTimer();
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 2 }, timer);
    await bucket.take();
    await bucket.take();
    timer.at += 60_000; // a long quiet spell
    const sentAt: number[] = [];
    for (let i = 0; i < 4; i++) {
      await bucket.take();
      sentAt.push(timer.now() - 60_000);
    }
    expect(sentAt).toEqual([0, 0, 100, 200]);
  });

  it('queues concurrent callers in order, each waiting for its own token', async () => {
    const waits: number[] = [];
    const timer: Timer = {
      now: () => 0,
      sleep: async (ms) => {
        waits.push(ms);
      },
    };
    const bucket = new TokenBucket({ ratePerSecond: 50, burst: 2 }, timer);
    await Promise.all(Array.from({ length: 5 }, () => bucket.take()));
    expect(waits.map(Math.round)).toEqual([20, 40, 60]);
  });

  it('refuses a rate or burst that would never let a message through', () => {
    expect(() => new TokenBucket({ ratePerSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new TokenBucket({ ratePerSecond: 10, burst: 0 })).toThrow(RangeError);
  });
});
