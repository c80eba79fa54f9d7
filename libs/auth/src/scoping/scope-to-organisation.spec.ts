import { DataSource } from 'typeorm';
import type { Principal } from '../principal';
import { scopeToOrganisation } from './scope-to-organisation';

const principal: Principal = {
  userId: 'u-1',
  name: 'Alex Morgan',
  roles: ['drug_worker'],
  orgId: 'org-riverside',
  orgKind: 'cdas',
  siteIds: [],
};

// Never initialised: the query builder only needs the driver to write SQL, not a connection. Without
// entity metadata the property path stays as written; with it TypeORM maps orgId to its column.
const dataSource = new DataSource({ type: 'postgres' });

describe('scopeToOrganisation', () => {
  it("adds the principal's organisation as a parameter, keeping existing conditions", () => {
    const qb = dataSource
      .createQueryBuilder()
      .select('r.id')
      .from('referrals.referral', 'r')
      .where('r.status = :status', { status: 'sent' });
    const [sql, params] = scopeToOrganisation(qb, 'r', principal).getQueryAndParameters();
    expect(sql).toBe('SELECT r.id FROM "referrals"."referral" "r" WHERE r.status = $1 AND r.orgId = $2');
    expect(params).toEqual(['sent', 'org-riverside']);
  });

  it('can scope by another column and scope two aliases at once', () => {
    const qb = dataSource
      .createQueryBuilder()
      .select('a.id')
      .from('appointment', 'a')
      .innerJoin('slot', 's', 's.id = a.slot_id');
    scopeToOrganisation(qb, 'a', principal, 'booked_by_org_id');
    scopeToOrganisation(qb, 's', { ...principal, orgId: 'org-hospital' }, 'owner_org_id');
    const [sql, params] = qb.getQueryAndParameters();
    expect(sql).toContain('WHERE a.booked_by_org_id = $1 AND s.owner_org_id = $2');
    expect(params).toEqual(['org-riverside', 'org-hospital']);
  });

  it('refuses an alias or column that is not a plain identifier, since both are written into SQL', () => {
    const qb = dataSource.createQueryBuilder().select('r.id').from('referrals.referral', 'r');
    expect(() => scopeToOrganisation(qb, 'r', principal, 'orgId OR 1=1')).toThrow('plain identifiers');
    expect(() => scopeToOrganisation(qb, 'r;', principal)).toThrow('plain identifiers');
  });
});
