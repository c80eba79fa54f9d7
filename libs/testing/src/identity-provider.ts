import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { claimsFor, type Principal } from '@careloop/auth';

export const TEST_IDP_JWKS_PATH = '/.well-known/jwks.json';

export interface TestIdentityProviderOptions {
  issuer: string;
  /** Defaults to 'careloop', the services' default AUTH_AUDIENCE. */
  audience?: string;
}

export interface TokenOptions {
  /** Lifetime from now; default one hour. Negative values make an already expired token. */
  expiresInSeconds?: number;
  /** Override the issuer or audience to forge a token the services must refuse. */
  issuer?: string;
  audience?: string;
}

export interface TestIdentityProvider {
  /** Where services fetch the public key set (AUTH_JWKS_URL). */
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** A signed ES256 bearer token carrying the principal under the claim names in CLAIMS. */
  tokenFor(principal: Principal, options?: TokenOptions): Promise<string>;
  /** How many times the key set has been fetched; shows that services really verify remotely. */
  jwksRequests(): number;
  close(): Promise<void>;
}

const ALG = 'ES256';

/**
 * A stand-in for the real identity provider: one ES256 key pair in memory, its public half served
 * as a JWKS over HTTP on 127.0.0.1 (ephemeral port), so services under test run with the same remote
 * key-set verification as in production rather than the development identity provider.
 */
export async function startTestIdentityProvider(
  options: TestIdentityProviderOptions,
): Promise<TestIdentityProvider> {
  const audience = options.audience ?? 'careloop';
  const { privateKey, publicKey } = await generateKeyPair(ALG);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const publicJwk: JWK = { ...jwk, kid, alg: ALG, use: 'sig' };
  const body = JSON.stringify({ keys: [publicJwk] });
  let requests = 0;

  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === TEST_IDP_JWKS_PATH) {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(body);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await listen(server);
  const { port } = server.address() as AddressInfo;

  return {
    jwksUrl: `http://127.0.0.1:${port}${TEST_IDP_JWKS_PATH}`,
    issuer: options.issuer,
    audience,
    tokenFor: (principal, tokenOptions = {}) =>
      sign(privateKey, kid, principal, {
        issuer: tokenOptions.issuer ?? options.issuer,
        audience: tokenOptions.audience ?? audience,
        expiresInSeconds: tokenOptions.expiresInSeconds ?? 3600,
      }),
    jwksRequests: () => requests,
    close: () => close(server),
  };
}

async function sign(
  privateKey: CryptoKey,
  kid: string,
  principal: Principal,
  options: Required<TokenOptions>,
): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claimsFor(principal) })
    .setProtectedHeader({ alg: ALG, kid, typ: 'JWT' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + options.expiresInSeconds)
    .setJti(randomUUID())
    .sign(privateKey);
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((error) => (error ? reject(error) : resolve()));
    // Services keep JWKS connections alive; do not wait for them to time out.
    server.closeAllConnections();
  });
}
