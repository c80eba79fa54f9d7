import { runWithCorrelation } from './correlation';
import { createLogger } from './logger';
import { memoryDestination } from './memory-destination';

describe('createLogger', () => {
  function setup() {
    const destination = memoryDestination();
    return { destination, logger: createLogger({ service: 'referrals', level: 'info', destination }) };
  }

  it('writes JSON lines naming the service and level', () => {
    const { destination, logger } = setup();

    logger.info({ referralId: 'r-1' }, 'referral created');

    expect(destination.lines).toEqual([
      expect.objectContaining({
        service: 'referrals',
        level: 'info',
        msg: 'referral created',
        referralId: 'r-1',
        time: expect.any(String),
      }),
    ]);
  });

  it('stamps lines written inside a correlation context, across awaits, and not outside', async () => {
    const { destination, logger } = setup();

    logger.info('before');
    await runWithCorrelation({ correlationId: 'corr-1234', causationId: 'event-9' }, async () => {
      logger.info('inside');
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.child({ module: 'x' }).warn('after await, from a child logger');
    });
    logger.info('after');

    const [before, inside, afterAwait, after] = destination.lines;
    expect(before).not.toHaveProperty('correlationId');
    expect(inside).toMatchObject({ correlationId: 'corr-1234', causationId: 'event-9' });
    expect(afterAwait).toMatchObject({ correlationId: 'corr-1234', causationId: 'event-9', module: 'x' });
    expect(after).not.toHaveProperty('correlationId');
  });

  it('leaves causationId out when the context has none', () => {
    const { destination, logger } = setup();

    runWithCorrelation({ correlationId: 'corr-5678' }, () => logger.info('request'));

    expect(destination.lines[0]).toMatchObject({ correlationId: 'corr-5678' });
    expect(destination.lines[0]).not.toHaveProperty('causationId');
  });

  it('keeps bearer tokens out of the logs', () => {
    const { destination, logger } = setup();

    logger.info({ headers: { authorization: 'Bearer abc.def.ghi' } }, 'incoming');

    expect(JSON.stringify(destination.lines)).not.toContain('abc.def.ghi');
  });
});
