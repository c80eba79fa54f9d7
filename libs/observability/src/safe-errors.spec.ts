import { QueryFailedError } from 'typeorm';
import { createLogger } from './logger';
import { memoryDestination } from './memory-destination';
import { PinoNestLogger } from './pino-nest-logger';

const PHONE = '+447700900123';
const TEXT = 'Hi Sam, your appointment at Harbour Recovery is tomorrow at 10:00';

/** A failed insert as TypeORM throws it from Postgres, carrying the SQL and every bound value. */
function failedInsert(): QueryFailedError {
  const driverError = Object.assign(new Error('duplicate key value violates unique constraint "uq_sms_to"'), {
    name: 'error',
    code: '23505',
    severity: 'ERROR',
    constraint: 'uq_sms_to',
    table: 'sms_message',
    detail: `Key (to_number)=(${PHONE}) already exists.`,
    routine: '_bt_check_unique',
  });
  return new QueryFailedError(
    'INSERT INTO "reminders"."sms_message"("to_number", "body") VALUES ($1, $2)',
    [PHONE, TEXT],
    driverError,
  );
}

describe('logging errors', () => {
  function setup() {
    const destination = memoryDestination();
    return { destination, logger: createLogger({ service: 'reminders', level: 'info', destination }) };
  }

  it('logs a failed query as name, code, constraint and message, without the phone number or text', () => {
    const { destination, logger } = setup();

    logger.error({ err: failedInsert() }, 'Unhandled error while serving a request');

    const line = JSON.stringify(destination.lines);
    expect(line).not.toContain('7700900123');
    expect(line).not.toContain('Harbour Recovery');
    expect(line).not.toContain('INSERT INTO');
    expect(destination.lines[0]!['err']).toEqual({
      type: 'QueryFailedError',
      name: 'QueryFailedError',
      message: 'duplicate key value violates unique constraint "uq_sms_to"',
      code: '23505',
      constraint: 'uq_sms_to',
      stack: expect.stringContaining('QueryFailedError'),
    });
  });

  it.each([
    ['as the first argument', (logger: ReturnType<typeof createLogger>) => logger.error(failedInsert())],
    [
      'under `error`',
      (logger: ReturnType<typeof createLogger>) => logger.warn({ error: failedInsert() }, 'x'),
    ],
    [
      'nested',
      (logger: ReturnType<typeof createLogger>) => logger.warn({ job: { failure: failedInsert() } }, 'x'),
    ],
    [
      'in an array',
      (logger: ReturnType<typeof createLogger>) => logger.warn({ failures: [failedInsert()] }, 'x'),
    ],
    [
      'as the cause of another error',
      (logger: ReturnType<typeof createLogger>) =>
        logger.error({ err: new Error('sending failed', { cause: failedInsert() }) }, 'x'),
    ],
    [
      'in an AggregateError',
      (logger: ReturnType<typeof createLogger>) =>
        logger.error({ err: new AggregateError([failedInsert()]) }, 'x'),
    ],
  ])('keeps the bound values out when the error is logged %s', (_where, log) => {
    const { destination, logger } = setup();

    log(logger);

    const line = JSON.stringify(destination.lines);
    expect(line).not.toContain('7700900123');
    expect(line).not.toContain('Harbour Recovery');
    expect(line).toContain('uq_sms_to');
  });

  it('keeps the bound values out of errors Nest logs through PinoNestLogger', () => {
    const { destination, logger } = setup();
    const nest = new PinoNestLogger(logger);

    nest.error(failedInsert());
    nest.error('query failed', failedInsert(), 'ExceptionsHandler');

    const line = JSON.stringify(destination.lines);
    expect(line).not.toContain('7700900123');
    expect(line).not.toContain('Harbour Recovery');
  });

  it('drops query data another error carries, and keeps its other fields', () => {
    const { destination, logger } = setup();
    const error = Object.assign(new Error('gateway refused'), {
      code: 'SMS_REJECTED',
      parameters: [PHONE],
      query: `to=${PHONE}`,
    });

    logger.error({ err: error }, 'send failed');

    expect(JSON.stringify(destination.lines)).not.toContain('7700900123');
    expect(destination.lines[0]!['err']).toMatchObject({
      type: 'Error',
      message: 'gateway refused',
      code: 'SMS_REJECTED',
    });
  });

  it('leaves lines without errors as they are', () => {
    const { destination, logger } = setup();
    const fields = { reminderId: 'r-1', query: { page: 2 }, tags: ['a'] };

    logger.info(fields, 'listed');

    expect(destination.lines[0]).toMatchObject(fields);
  });
});
