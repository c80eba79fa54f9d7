import { assertValidServices, type ServiceSchema } from './service-schema';

const service = (schema: string): ServiceSchema => ({ schema, entities: [], migrations: [] });

describe('assertValidServices', () => {
  it('accepts distinct lowercase schema names', () => {
    expect(() => assertValidServices([service('referrals'), service('booking_2')])).not.toThrow();
  });

  it.each(['Referrals', 'has-dash', '1starts_with_digit', 'a"; DROP SCHEMA x; --', ''])(
    'rejects the unsafe name %p',
    (name) => {
      expect(() => assertValidServices([service(name)])).toThrow(/Invalid schema name/);
    },
  );

  it.each(['public', 'pg_catalog'])('rejects the reserved schema %s', (name) => {
    expect(() => assertValidServices([service(name)])).toThrow(/reserved/);
  });

  it('rejects two services claiming one schema', () => {
    expect(() => assertValidServices([service('booking'), service('booking')])).toThrow(
      /more than one service/,
    );
  });
});
