import { Logger } from '@nestjs/common';
import { createLogger } from './logger';
import { memoryDestination } from './memory-destination';
import { PinoNestLogger } from './pino-nest-logger';

describe('PinoNestLogger', () => {
  it("turns Nest's log calls into our JSON lines with their context", () => {
    const destination = memoryDestination();
    const nest = new PinoNestLogger(createLogger({ service: 'booking', level: 'trace', destination }));

    nest.log('Mapped {/slots, GET} route', 'RouterExplorer');
    nest.error('Boom', 'Error: Boom\n    at x (y.ts:1:1)', 'ExceptionsHandler');
    nest.verbose({ detail: 'structured' }, 'Scanner');

    expect(destination.lines).toEqual([
      expect.objectContaining({
        service: 'booking',
        level: 'info',
        msg: 'Mapped {/slots, GET} route',
        context: 'RouterExplorer',
      }),
      expect.objectContaining({
        level: 'error',
        msg: 'Boom',
        context: 'ExceptionsHandler',
        stack: expect.stringContaining('at x'),
      }),
      expect.objectContaining({ level: 'trace', detail: 'structured', context: 'Scanner' }),
    ]);
  });

  it('keeps a stack passed without a context as the stack', () => {
    const destination = memoryDestination();
    const nest = new PinoNestLogger(createLogger({ service: 'booking', level: 'info', destination }));

    nest.error('Boom', 'Error: Boom\n    at x (y.ts:1:1)');

    expect(destination.lines[0]).toMatchObject({ msg: 'Boom', stack: expect.stringContaining('at x') });
    expect(destination.lines[0]).not.toHaveProperty('context');
  });

  it('receives logs from Nest Logger instances once overridden', () => {
    const destination = memoryDestination();
    Logger.overrideLogger(
      new PinoNestLogger(createLogger({ service: 'booking', level: 'info', destination })),
    );
    try {
      new Logger('SlotService').warn('slot held too long');
    } finally {
      Logger.overrideLogger(false);
    }

    expect(destination.lines).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'slot held too long', context: 'SlotService' }),
    ]);
  });
});
