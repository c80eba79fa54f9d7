import { eventually } from '@careloop/testing';
import type { IncomingMessage, OutgoingMessage } from '../outgoing-message';
import { InProcessBus } from './in-process-bus';

const msg = (topic: string, value: string): OutgoingMessage => ({ topic, key: value, value, headers: {} });

describe('the in-process bus', () => {
  it('delivers each topic in order to each consumer group, from the beginning', async () => {
    const bus = new InProcessBus();
    await bus.publish([msg('a', '1'), msg('a', '2')]);
    const seenByX: string[] = [];
    const seenByY: string[] = [];
    bus.subscribe('x', ['a'], async (m) => void seenByX.push(String(m.value)));
    await bus.publish([msg('a', '3'), msg('b', 'ignored by both')]);
    bus.subscribe('y', ['a'], async (m) => void seenByY.push(String(m.value)));
    await bus.idle();
    expect(seenByX).toEqual(['1', '2', '3']);
    expect(seenByY).toEqual(['1', '2', '3']);
  });

  it('delivers one message at a time per group, asynchronously', async () => {
    const bus = new InProcessBus();
    let inFlight = 0;
    let maxInFlight = 0;
    const delivered: IncomingMessage[] = [];
    bus.subscribe('slow', ['a'], async (m) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      delivered.push(m);
      inFlight -= 1;
    });
    await bus.publish([msg('a', '1'), msg('a', '2'), msg('a', '3')]);
    expect(delivered).toHaveLength(0);
    await bus.idle();
    expect(delivered.map((m) => m.offset)).toEqual(['0', '1', '2']);
    expect(maxInFlight).toBe(1);
  });

  it('keeps a message whose delivery failed and tries it again on the next publish', async () => {
    const bus = new InProcessBus();
    let failNext = true;
    const delivered: string[] = [];
    bus.subscribe('g', ['a'], async (m) => {
      if (failNext) {
        failNext = false;
        throw new Error('dead-letter topic unavailable');
      }
      delivered.push(String(m.value));
    });
    await bus.publish([msg('a', '1')]);
    await bus.idle();
    expect(delivered).toEqual([]);
    await bus.publish([msg('a', '2')]);
    await bus.idle();
    expect(delivered).toEqual(['1', '2']);
  });

  it('tries a failed delivery again after a delay, without waiting for another publish', async () => {
    const bus = new InProcessBus(undefined, { retryDelayMs: 10, maxRetryDelayMs: 20 });
    let failures = 2;
    const delivered: string[] = [];
    bus.subscribe('g', ['a'], async (m) => {
      if (failures-- > 0) throw new Error('database unreachable');
      delivered.push(String(m.value));
    });
    await bus.publish([msg('a', '1'), msg('a', '2')]);
    await eventually(() => expect(delivered).toEqual(['1', '2']), { timeoutMs: 2_000 });
    await bus.close();
  });

  it('stops a group after the delivery in flight, and unsubscribe waits for that delivery', async () => {
    const bus = new InProcessBus();
    const started: string[] = [];
    const finished: string[] = [];
    let release!: () => void;
    bus.subscribe('g', ['a'], async (m) => {
      started.push(String(m.value));
      await new Promise<void>((resolve) => (release = resolve));
      finished.push(String(m.value));
    });
    await bus.publish([msg('a', '1'), msg('a', '2'), msg('a', '3')]);
    await eventually(() => expect(started).toEqual(['1']));

    let unsubscribed = false;
    const unsubscribing = bus.unsubscribe('g').then(() => (unsubscribed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unsubscribed).toBe(false); // the handler of '1' is still running
    release();
    await unsubscribing;
    expect(finished).toEqual(['1']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toEqual(['1']);
  });
});
