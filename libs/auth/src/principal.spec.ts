import { claimsFor, hasAnyRole, parsePrincipalClaims, type Principal } from './principal';

const nurse: Principal = {
  userId: 'u-1',
  name: 'Priya Shah',
  roles: ['nurse', 'inreach_coordinator'],
  orgId: 'org-1',
  orgKind: 'cdas',
  siteIds: ['site-1'],
};

describe('hasAnyRole', () => {
  it('passes when the principal holds any one of the roles', () => {
    expect(hasAnyRole(nurse, ['clinician', 'nurse'])).toBe(true);
    expect(hasAnyRole(nurse, ['inreach_coordinator'])).toBe(true);
  });

  it('fails when the principal holds none of them', () => {
    expect(hasAnyRole(nurse, ['clinician', 'service_manager'])).toBe(false);
  });

  it('does not treat admin as holding every role', () => {
    expect(hasAnyRole({ ...nurse, roles: ['admin'] }, ['clinician'])).toBe(false);
  });

  it('lets any signed-in user through when no role is named', () => {
    expect(hasAnyRole(nurse, [])).toBe(true);
  });
});

describe('principal claims', () => {
  it('round-trips a principal through the claims an identity provider issues', () => {
    expect(parsePrincipalClaims(claimsFor(nurse))).toEqual({ ok: true, principal: nurse });
  });

  it('collapses a role listed twice', () => {
    const parsed = parsePrincipalClaims({ ...claimsFor(nurse), roles: ['nurse', 'nurse'] });
    expect(parsed.ok && parsed.principal.roles).toEqual(['nurse']);
  });

  it('lists every problem at once', () => {
    expect(parsePrincipalClaims({ sub: 'u-1' })).toEqual({
      ok: false,
      problems: [
        expect.stringMatching(/^name: /),
        expect.stringMatching(/^roles: /),
        expect.stringMatching(/^org_id: /),
        expect.stringMatching(/^org_kind: /),
      ],
    });
  });
});
