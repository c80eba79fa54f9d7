import type { MessageHandler } from '@nestjs/microservices';
import type { DataSource } from 'typeorm';
import { TOPICS, referralCreatedV1 } from '@careloop/contracts';
import { RecordingLogger, aReferralCreatedEvent, eventually } from '@careloop/testing';
import { SystemClock } from '@careloop/time';
import { CONSUMER_EXTRA } from '../consumer/consume-event.decorator';
import { headersFor } from '../headers';
import { InProcessBus } from './in-process-bus';
import { InProcessEventTransport } from './in-process-event-transport';

describe('closing the in-process event transport', () => {
  it('waits for the handler in flight and starts no other, so the database can close after it', async () => {
    const bus = new InProcessBus();
    // Every inbox claim succeeds: this test is about when handlers run, not what they write.
    const dataSource = {
      transaction: (work: (manager: unknown) => Promise<unknown>) => work({ query: async () => [{}] }),
    } as unknown as DataSource;
    const transport = new InProcessEventTransport({
      bus,
      dataSource,
      clock: new SystemClock(),
      logger: new RecordingLogger(),
    });
    const started: string[] = [];
    const finished: string[] = [];
    let release!: () => void;
    const handler = (async (event: { id: string }) => {
      started.push(event.id);
      await new Promise<void>((resolve) => (release = resolve));
      finished.push(event.id);
    }) as unknown as MessageHandler;
    transport.addHandler(referralCreatedV1.type, handler, true, { [CONSUMER_EXTRA]: 'consumer_x' });
    transport.listen(() => undefined);

    const events = [aReferralCreatedEvent(), aReferralCreatedEvent()];
    await bus.publish(
      events.map((e) => ({
        topic: TOPICS.referrals,
        key: e.subjectId,
        value: JSON.stringify(e),
        headers: headersFor(e),
      })),
    );
    await eventually(() => expect(started).toEqual([events[0]!.id]));

    let closed = false;
    const closing = transport.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(false);
    release();
    await closing;
    expect(finished).toEqual([events[0]!.id]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toEqual([events[0]!.id]);
  });
});
