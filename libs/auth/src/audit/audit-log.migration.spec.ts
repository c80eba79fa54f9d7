import { auditLogMigration } from './audit-log.migration';

describe('auditLogMigration', () => {
  it("names each schema's migration apart, ending in the 13-digit timestamp TypeORM orders by", () => {
    const referrals = new (auditLogMigration('referrals'))();
    const booking = auditLogMigration('in_reach');
    expect(referrals.name).toBe('AuditLogReferrals1764400000000');
    expect(booking.name).toBe('AuditLogInReach1764400000000');
  });

  it('refuses a schema name that is not a plain identifier, since it is written into SQL', () => {
    expect(() => auditLogMigration('referrals; drop table x')).toThrow('lower-case identifier');
    expect(() => auditLogMigration('Referrals')).toThrow('lower-case identifier');
    expect(() => auditLogMigration('_referrals')).toThrow('lower-case identifier');
  });

  it('refuses the schemas Postgres owns, by the same rule as @careloop/persistence', () => {
    expect(() => auditLogMigration('public')).toThrow('reserved');
    expect(() => auditLogMigration('pg_catalog')).toThrow('reserved');
  });
});
