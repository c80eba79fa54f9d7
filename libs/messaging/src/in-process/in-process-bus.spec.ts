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
});
