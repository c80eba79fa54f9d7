import type { WhereExpressionBuilder } from 'typeorm';
import type { Principal } from '../principal';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Narrows a query to rows owned by the principal's organisation. `column` is the entity property
 * (TypeORM maps it to the real column) or, on a query over a raw table, the column name. Alias and
 * column are written into the SQL, so they must be plain identifiers; the organisation id is always
 * a parameter.
 */
export function scopeToOrganisation<Q extends WhereExpressionBuilder>(
  queryBuilder: Q,
  alias: string,
  principal: Principal,
  column = 'orgId',
): Q {
  if (!IDENTIFIER.test(alias) || !IDENTIFIER.test(column)) {
    throw new Error(`scopeToOrganisation needs plain identifiers, got ${alias}.${column}`);
  }
  // Named per alias so scoping a join as well does not overwrite the first parameter.
  const parameter = `scopeOrgId_${alias}`;
  queryBuilder.andWhere(`${alias}.${column} = :${parameter}`, { [parameter]: principal.orgId });
  return queryBuilder;
}
