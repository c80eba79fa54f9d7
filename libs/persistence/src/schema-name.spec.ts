import { assertSchemaName, pascalCase, quoteSchema, schemaMigrationName } from './schema-name';

describe('assertSchemaName', () => {
  it.each(['referrals', 'booking_2', 'in_reach', 'a'.repeat(63)])('accepts %p', (name) => {
    expect(() => assertSchemaName(name)).not.toThrow();
  });

  it.each([
    'Referrals',
    'has-dash',
    '1starts_with_digit',
    '_leading_underscore',
    'a"; DROP SCHEMA x; --',
    'a'.repeat(64),
    '',
  ])('rejects the unsafe name %p', (name) => {
    expect(() => assertSchemaName(name)).toThrow(/Invalid schema name/);
  });

  it.each(['public', 'pg_catalog', 'pg_toast'])('rejects the reserved schema %s', (name) => {
    expect(() => assertSchemaName(name)).toThrow(/reserved/);
  });

  it('quotes only names it accepts', () => {
    expect(quoteSchema('referrals')).toBe('"referrals"');
    expect(() => quoteSchema('pg_temp')).toThrow(/reserved/);
  });
});

describe('schemaMigrationName', () => {
  // These names are stored in each schema's migrations table; changing them re-runs landed migrations.
  it('keeps the names migrations already landed under', () => {
    expect(schemaMigrationName('AuditLog', 'referrals', 1764400000000)).toBe(
      'AuditLogReferrals1764400000000',
    );
    expect(schemaMigrationName('IdempotencyKeys', 'in_reach', 1764400000002)).toBe(
      'IdempotencyKeysInReach1764400000002',
    );
    expect(pascalCase('booking_2')).toBe('Booking2');
  });

  it('refuses a bad schema or a timestamp TypeORM could not read', () => {
    expect(() => schemaMigrationName('AuditLog', 'public', 1764400000000)).toThrow(/reserved/);
    expect(() => schemaMigrationName('AuditLog', 'referrals', 176440000)).toThrow(/13 digits/);
  });
});
