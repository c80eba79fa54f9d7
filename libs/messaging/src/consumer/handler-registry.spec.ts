import type { MessageHandler } from '@nestjs/microservices';
import { CONSUMER_EXTRA } from './consume-event.decorator';
import { groupHandlersByConsumer } from './handler-registry';

function handler(consumer: string | undefined, next?: MessageHandler): MessageHandler {
  const fn = (async () => undefined) as unknown as MessageHandler;
  fn.isEventHandler = true;
  fn.extras = consumer ? { [CONSUMER_EXTRA]: consumer } : {};
  fn.next = next;
  return fn;
}

describe('grouping event handlers by consuming service', () => {
  it('gives each service its own group, even for the same event in one process', () => {
    const booking = handler('booking');
    const inreach = handler('inreach');
    booking.next = inreach;
    const groups = groupHandlersByConsumer(new Map([['referral.created.v1', booking]]));
    expect(groups.map((g) => g.consumer)).toEqual(['booking', 'inreach']);
    expect(groups[0]!.topics).toEqual(['careloop.referrals']);
    expect(groups[0]!.handlers.get('referral.created.v1')).toBe(booking);
  });

  it('refuses a handler that does not say which service consumes', () => {
    expect(() => groupHandlersByConsumer(new Map([['referral.created.v1', handler(undefined)]]))).toThrow(
      /@ConsumeEvent/,
    );
  });

  it('refuses a handler for an event that is not in the catalogue', () => {
    expect(() => groupHandlersByConsumer(new Map([['referral.teleported.v1', handler('booking')]]))).toThrow(
      /not in the catalogue|no such event/,
    );
  });
});
