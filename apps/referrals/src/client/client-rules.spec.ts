import { QueryFailedError } from 'typeorm';
import type { Principal } from '@careloop/auth';
import {
  assertBornByToday,
  assertOwnSite,
  NHS_NUMBER_INDEX,
  translateNhsNumberConflict,
} from './client-rules';
import { ClientError } from './client.errors';

const keyworker: Principal = {
  userId: 'user-alex',
  name: 'Alex Morgan',
  roles: ['drug_worker'],
  orgId: 'org-riverside',
  orgKind: 'cdas',
  siteIds: ['site-hub', 'site-northgate'],
};

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof ClientError ? error.code : 'other';
  }
  return undefined;
};

describe('client rules', () => {
  it("accepts only the caller's own sites", () => {
    expect(codeOf(() => assertOwnSite(keyworker, 'site-northgate'))).toBeUndefined();
    expect(codeOf(() => assertOwnSite(keyworker, 'site-elsewhere'))).toBe('CLIENT_SITE_NOT_ALLOWED');
  });

  it('refuses a date of birth after today in London', () => {
    // 23:30 UTC on 31 March 2027 is already 1 April in London (BST).
    const now = new Date('2027-03-31T23:30:00Z');
    expect(codeOf(() => assertBornByToday('2027-04-01', now))).toBeUndefined();
    expect(codeOf(() => assertBornByToday('2027-04-02', now))).toBe('CLIENT_DATE_OF_BIRTH_IN_FUTURE');
  });

  it('turns only the NHS number index violation into CLIENT_NHS_NUMBER_IN_USE', () => {
    const violation = (constraint: string) =>
      new QueryFailedError(
        'INSERT',
        [],
        Object.assign(new Error('duplicate key'), { code: '23505', constraint }),
      );
    expect(codeOf(() => translateNhsNumberConflict(violation(NHS_NUMBER_INDEX)))).toBe(
      'CLIENT_NHS_NUMBER_IN_USE',
    );
    expect(codeOf(() => translateNhsNumberConflict(violation('client_pkey')))).toBe('other');
  });
});
