import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  exportJWK,
  generateKeyPair,
  generateSecret,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import { KeySetUnavailableError, TokenRejectedError } from './token-rejected.error';
import { TokenVerifier, type TokenVerifierOptions } from './token-verifier';

const ISSUER = 'https://idp.careloop.test';
const AUDIENCE = 'careloop-api';
const NOW = new Date('2026-03-29T00:30:00Z'); // the night the clocks go forward, for no reason but habit
const nowSeconds = Math.floor(NOW.getTime() / 1000);

const claims = {
  sub: 'user-1',
  name: 'Alex Morgan',
  roles: ['drug_worker'],
  org_id: 'org-riverside',
  org_kind: 'cdas',
  site_ids: ['site-hub'],
};

interface SigningKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
  alg: 'ES256' | 'RS256';
}

async function signingKey(alg: 'ES256' | 'RS256', kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { privateKey, alg, publicJwk: { ...(await exportJWK(publicKey)), kid, alg } };
}

function sign(
  key: SigningKey,
  payload: JWTPayload = claims,
  edit: (jwt: SignJWT) => SignJWT = (jwt) => jwt,
): Promise<string> {
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: key.alg, kid: key.publicJwk.kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(nowSeconds - 60)
    .setExpirationTime(nowSeconds + 600);
  return edit(jwt).sign(key.privateKey);
}

async function rejection(promise: Promise<unknown>): Promise<TokenRejectedError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof TokenRejectedError))
    throw new Error(`expected a TokenRejectedError, got ${String(err)}`);
  return err;
}

describe('TokenVerifier', () => {
  let es: SigningKey;
  let rs: SigningKey;
  let verifier: TokenVerifier;
  const options = (overrides: Partial<TokenVerifierOptions> = {}): TokenVerifierOptions => ({
    issuer: ISSUER,
    audience: AUDIENCE,
    keys: { jwks: { keys: [es.publicJwk, rs.publicJwk] } },
    now: () => NOW,
    ...overrides,
  });

  beforeAll(async () => {
    es = await signingKey('ES256', 'es-key');
    rs = await signingKey('RS256', 'rs-key');
    verifier = new TokenVerifier(options());
  });

  it('turns a valid ES256 token into the principal it names', async () => {
    await expect(verifier.verify(await sign(es))).resolves.toEqual({
      userId: 'user-1',
      name: 'Alex Morgan',
      roles: ['drug_worker'],
      orgId: 'org-riverside',
      orgKind: 'cdas',
      siteIds: ['site-hub'],
    });
  });

  it('accepts RS256 too', async () => {
    await expect(verifier.verify(await sign(rs))).resolves.toMatchObject({ userId: 'user-1' });
  });

  it('trusts a single public JWK given in configuration', async () => {
    const single = new TokenVerifier(options({ keys: { publicJwk: es.publicJwk } }));
    await expect(single.verify(await sign(es))).resolves.toMatchObject({ userId: 'user-1' });
  });

  it('rejects an expired token', async () => {
    const token = await sign(es, claims, (jwt) => jwt.setExpirationTime(nowSeconds - 60));
    expect(await rejection(verifier.verify(token))).toMatchObject({
      reason: 'expired',
      message: 'Token has expired',
    });
  });

  it('tolerates a few seconds of clock skew either side', async () => {
    const justExpired = await sign(es, claims, (jwt) => jwt.setExpirationTime(nowSeconds - 10));
    const almostValid = await sign(es, claims, (jwt) => jwt.setNotBefore(nowSeconds + 10));
    await expect(verifier.verify(justExpired)).resolves.toMatchObject({ userId: 'user-1' });
    await expect(verifier.verify(almostValid)).resolves.toMatchObject({ userId: 'user-1' });
  });

  it('rejects a token that is not valid yet', async () => {
    const token = await sign(es, claims, (jwt) => jwt.setNotBefore(nowSeconds + 300));
    expect((await rejection(verifier.verify(token))).reason).toBe('not_yet_valid');
  });

  it('rejects a token without an expiry', async () => {
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'es-key' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .sign(es.privateKey);
    expect(await rejection(verifier.verify(token))).toMatchObject({
      reason: 'invalid_claims',
      message: 'Token claim "exp" is missing',
    });
  });

  it('rejects a token from another issuer', async () => {
    const token = await sign(es, claims, (jwt) => jwt.setIssuer('https://evil.example'));
    expect((await rejection(verifier.verify(token))).reason).toBe('wrong_issuer');
  });

  it('rejects a token meant for another service', async () => {
    const token = await sign(es, claims, (jwt) => jwt.setAudience('some-other-api'));
    expect((await rejection(verifier.verify(token))).reason).toBe('wrong_audience');
  });

  it('rejects a token signed by a different key claiming a trusted key id', async () => {
    const impostor = await signingKey('ES256', 'es-key');
    expect(await rejection(verifier.verify(await sign(impostor)))).toMatchObject({
      reason: 'bad_signature',
      message: 'Token signature is invalid',
    });
  });

  it('rejects a token whose payload was edited after signing', async () => {
    const [header, , signature] = (await sign(es)).split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...claims, roles: ['admin'], iss: ISSUER, aud: AUDIENCE, exp: nowSeconds + 600 }),
    ).toString('base64url');
    expect((await rejection(verifier.verify(`${header}.${forged}.${signature}`))).reason).toBe(
      'bad_signature',
    );
  });

  it('rejects a token signed with a key it has never seen', async () => {
    const stranger = await signingKey('ES256', 'stranger');
    expect((await rejection(verifier.verify(await sign(stranger)))).reason).toBe('unknown_key');
  });

  it('refuses HMAC-signed tokens even when the secret would match', async () => {
    const secret = await generateSecret('HS256', { extractable: true });
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime(nowSeconds + 600)
      .sign(secret);
    expect((await rejection(verifier.verify(token))).reason).toBe('unsupported_algorithm');
  });

  it('refuses unsigned tokens', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({ ...claims, iss: ISSUER, aud: AUDIENCE, exp: nowSeconds + 600 }),
    ).toString('base64url');
    expect((await rejection(verifier.verify(`${header}.${body}.`))).reason).toBe('unsupported_algorithm');
  });

  it('only accepts the algorithms configured', async () => {
    const esOnly = new TokenVerifier(options({ algorithms: ['ES256'] }));
    expect((await rejection(esOnly.verify(await sign(rs)))).reason).toBe('unsupported_algorithm');
  });

  it('rejects something that is not a JWT at all', async () => {
    expect(await rejection(verifier.verify('not-a-token'))).toMatchObject({
      reason: 'malformed',
      message: 'Token is malformed',
    });
  });

  it('rejects a signed token with missing claims, naming each one', async () => {
    const { name: _name, org_id: _orgId, ...incomplete } = claims;
    const err = await rejection(verifier.verify(await sign(es, incomplete)));
    expect(err.reason).toBe('invalid_claims');
    expect(err.message).toContain('name:');
    expect(err.message).toContain('org_id:');
  });

  it.each([
    ['roles is not a list', { roles: 'drug_worker' }],
    ['roles is empty', { roles: [] }],
    ['a role is unknown', { roles: ['drug_worker', 'superuser'] }],
    ['org_kind is unknown', { org_kind: 'pharmacy' }],
    ['sub is blank', { sub: '  ' }],
    ['site_ids holds a number', { site_ids: [7] }],
  ])('rejects a signed token when %s', async (_case, garbled) => {
    expect((await rejection(verifier.verify(await sign(es, { ...claims, ...garbled })))).reason).toBe(
      'invalid_claims',
    );
  });

  it('treats missing site_ids as no sites', async () => {
    const { site_ids: _sites, ...withoutSites } = claims;
    await expect(verifier.verify(await sign(es, withoutSites))).resolves.toMatchObject({ siteIds: [] });
  });

  it('refuses to be configured with an algorithm outside the allow-list', () => {
    expect(() => new TokenVerifier(options({ algorithms: ['HS256' as 'ES256'] }))).toThrow(
      'Token algorithms not allowed: HS256',
    );
  });

  describe('with a JWKS URL', () => {
    let server: Server;
    let url: string;

    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url !== '/.well-known/jwks.json') {
          res.writeHead(404).end();
          return;
        }
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ keys: [es.publicJwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('fetches the identity provider keys and verifies with them', async () => {
      const remote = new TokenVerifier(options({ keys: { jwksUrl: `${url}/.well-known/jwks.json` } }));
      await expect(remote.verify(await sign(es))).resolves.toMatchObject({ userId: 'user-1' });
    });

    it('reports the key set as unavailable, not the token as bad, when the keys cannot be fetched', async () => {
      const broken = new TokenVerifier(options({ keys: { jwksUrl: `${url}/missing.json` } }));
      await expect(broken.verify(await sign(es))).rejects.toBeInstanceOf(KeySetUnavailableError);
    });
  });
});
