import { ROLES } from '../roles';
import { TokenRejectedError } from '../token-rejected.error';
import { TokenVerifier } from '../token-verifier';
import { DEMO_ORG_IDS, DEMO_USER_IDS, DEMO_USERS } from './demo-directory';
import { DevIdentityProvider, UnknownDemoUserError } from './dev-identity-provider';
import { DevIdpModule } from './dev-idp.module';

const options = { enabled: true, issuer: 'http://localhost:3000/auth/dev', audience: 'careloop' };

describe('DevIdentityProvider', () => {
  it('refuses to start outside embedded mode', async () => {
    await expect(DevIdentityProvider.create({ ...options, enabled: false })).rejects.toThrow(
      'only in embedded mode',
    );
    expect(() => DevIdpModule.forRoot({ ...options, enabled: false })).toThrow('only in embedded mode');
  });

  it('issues tokens that a verifier trusting its key set turns back into the demo user', async () => {
    const idp = await DevIdentityProvider.create(options);
    const verifier = new TokenVerifier(idp.verifierOptions());
    const { access_token, token_type, expires_in } = await idp.issueToken('jo.bennett');
    expect(token_type).toBe('Bearer');
    expect(expires_in).toBe(8 * 60 * 60);
    await expect(verifier.verify(access_token)).resolves.toEqual({
      userId: DEMO_USER_IDS.respiratoryClinicAdmin,
      name: 'Jo Bennett',
      roles: ['clinic_admin'],
      orgId: DEMO_ORG_IDS.stElsewhereHospital,
      orgKind: 'hospital',
      siteIds: [expect.any(String)],
    });
  });

  it('issues tokens that stop working when they expire', async () => {
    let now = new Date('2026-01-05T09:00:00Z');
    const idp = await DevIdentityProvider.create({ ...options, tokenTtlSeconds: 600, now: () => now });
    const verifier = new TokenVerifier(idp.verifierOptions());
    const { access_token } = await idp.issueToken('alex.morgan');
    await expect(verifier.verify(access_token)).resolves.toMatchObject({ userId: DEMO_USER_IDS.drugWorker });
    now = new Date('2026-01-05T09:11:00Z');
    await expect(verifier.verify(access_token)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('is not trusted by a verifier holding another instance keys, as after a restart', async () => {
    const before = await DevIdentityProvider.create(options);
    const after = await DevIdentityProvider.create(options);
    const { access_token } = await before.issueToken('alex.morgan');
    await expect(new TokenVerifier(after.verifierOptions()).verify(access_token)).rejects.toBeInstanceOf(
      TokenRejectedError,
    );
  });

  it('refuses an unknown username', async () => {
    const idp = await DevIdentityProvider.create(options);
    await expect(idp.issueToken('nobody')).rejects.toBeInstanceOf(UnknownDemoUserError);
  });

  it('publishes only the public half of its key', async () => {
    const idp = await DevIdentityProvider.create(options);
    const [key, ...others] = idp.jwks().keys;
    expect(others).toHaveLength(0);
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) });
    expect(key).not.toHaveProperty('d');
  });
});

describe('demo users', () => {
  const commissioners = DEMO_USERS.filter((u) => u.orgKind === 'commissioner');

  it('has exactly one user per role at the services', () => {
    const atServices = DEMO_USERS.filter((u) => u.orgKind !== 'commissioner');
    expect(atServices.flatMap((u) => u.roles).sort()).toEqual([...ROLES].sort());
  });

  it("has one commissioner's manager, of the council, with no sites", () => {
    expect(commissioners).toEqual([
      expect.objectContaining({
        username: 'dana.okafor',
        userId: DEMO_USER_IDS.commissioningManager,
        roles: ['service_manager'],
        orgId: DEMO_ORG_IDS.riversideCouncil,
        siteIds: [],
      }),
    ]);
  });

  it('spreads users over the CDAS, the GP practice, the hospital and the commissioner', () => {
    expect(new Set(DEMO_USERS.map((u) => u.orgId))).toEqual(new Set(Object.values(DEMO_ORG_IDS)));
  });

  it('has unique usernames and user ids', () => {
    expect(new Set(DEMO_USERS.map((u) => u.username)).size).toBe(DEMO_USERS.length);
    expect(new Set(DEMO_USERS.map((u) => u.userId)).size).toBe(DEMO_USERS.length);
  });
});
