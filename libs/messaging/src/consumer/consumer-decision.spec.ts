import { PermanentEventError, decideOnError } from './consumer-decision';

describe('what a consumer does with a failed event', () => {
  it('dead-letters what can never succeed', () => {
    expect(decideOnError(new PermanentEventError('contradicts our state'))).toBe('dead-letter');
  });

  it('follows the decision a bounded context attached to its error', () => {
    expect(decideOnError(Object.assign(new Error('already booked'), { consumerDecision: 'ignore' }))).toBe(
      'ignore',
    );
  });

  it.each(['40001', '40P01', '57P01', '08006', 'ECONNREFUSED'])(
    'retries a transient failure (%s)',
    (code) => {
      expect(decideOnError(Object.assign(new Error('transient'), { code }))).toBe('retry');
    },
  );

  it('retries an unknown error too, within the cap, before dead-lettering it', () => {
    expect(decideOnError(new TypeError('undefined is not a function'))).toBe('retry');
  });
});
