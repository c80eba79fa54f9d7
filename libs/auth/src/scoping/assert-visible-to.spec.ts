import { NotFoundException } from '@nestjs/common';
import type { Principal } from '../principal';
import { assertVisibleTo } from './assert-visible-to';

const principal: Principal = {
  userId: 'u-1',
  name: 'Alex Morgan',
  roles: ['drug_worker'],
  orgId: 'org-riverside',
  orgKind: 'cdas',
  siteIds: [],
};

function errorFrom(fn: () => void): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('assertVisibleTo', () => {
  it("passes a record of the principal's own organisation", () => {
    const referral = { id: 'r-1', orgId: 'org-riverside' };
    expect(() => assertVisibleTo(principal, referral)).not.toThrow();
  });

  it("answers another organisation's record exactly as it answers a missing one", () => {
    const foreign = errorFrom(() => assertVisibleTo(principal, { id: 'r-2', orgId: 'org-elsewhere' }));
    const missing = errorFrom(() => assertVisibleTo(principal, null));
    expect(foreign).toBeInstanceOf(NotFoundException);
    expect(missing).toBeInstanceOf(NotFoundException);
    expect((foreign as NotFoundException).getResponse()).toEqual(
      (missing as NotFoundException).getResponse(),
    );
  });

  it("throws the caller's own not-found error when given one", () => {
    class ReferralNotFound extends Error {}
    expect(() =>
      assertVisibleTo(
        principal,
        { orgId: 'org-elsewhere' },
        () => new ReferralNotFound('REFERRAL_NOT_FOUND'),
      ),
    ).toThrow(ReferralNotFound);
  });
});
