import { QueryFailedError } from 'typeorm';
import { PermanentEventError, decideOnError } from './consumer-decision';

const withCode = (code: string) => Object.assign(new Error('failed'), { code });

describe('what a consumer does with a failed event', () => {
  it('dead-letters what can never succeed', () => {
    expect(decideOnError(new PermanentEventError('contradicts our state'))).toBe('dead-letter');
  });

  it.each(['ignore', 'retry-later', 'dead-letter', 'retry'])(
    'follows the decision a bounded context attached to its error (%s)',
    (consumerDecision) => {
      const error = Object.assign(withCode('40P01'), { consumerDecision });
      expect(decideOnError(error)).toBe(consumerDecision);
    },
  );

  it.each([
    '08006',
    '08001',
    '57P01',
    '57P02',
    '57P03',
    '53300',
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
  ])('waits out an outage of the infrastructure (%s) rather than dead-lettering', (code) => {
    expect(decideOnError(withCode(code))).toBe('retry-later');
  });

  it.each([
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'timeout exceeded when trying to connect',
  ])('treats pg’s code-less connection error “%s” as an outage', (message) => {
    expect(decideOnError(new Error(message))).toBe('retry-later');
  });

  it('sees the connection error TypeORM wrapped', () => {
    const wrapped = new QueryFailedError('SELECT 1', [], withCode('57P01'));
    expect(decideOnError(wrapped)).toBe('retry-later');
    expect(decideOnError(new Error('outer', { cause: withCode('08006') }))).toBe('retry-later');
  });

  it.each(['40001', '40P01', '55P03'])('retries a conflict (%s) in place, then dead-letters', (code) => {
    expect(decideOnError(withCode(code))).toBe('retry');
  });

  it('retries an unknown error too, within the cap, before dead-lettering it', () => {
    expect(decideOnError(new TypeError('undefined is not a function'))).toBe('retry');
    expect(decideOnError(withCode('23505'))).toBe('retry');
    expect(decideOnError('a string')).toBe('retry');
  });
});
