import { randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { claimsFor, type Principal } from '../principal';
import type { TokenVerifierOptions } from '../token-verifier';
import { DEMO_USERS, type DemoUser } from './demo-directory';

export interface DevIdpOptions {
  /** True only in embedded (single-process, demo) mode. Anything else refuses to start. */
  enabled: boolean;
  issuer: string;
  audience: string;
  /** Defaults to 8 hours, one shift. */
  tokenTtlSeconds?: number;
  /** The injected clock; defaults to the system clock. */
  now?: () => Date;
}

export interface DevTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export class UnknownDemoUserError extends Error {
  override readonly name = 'UnknownDemoUserError';
}

const ALG = 'ES256';

/**
 * Issues tokens for the demo users so the platform runs with no external identity provider. The
 * key pair lives only in memory: restarting signs everyone out, and nothing it signed is trusted
 * by any other deployment.
 */
export class DevIdentityProvider {
  private constructor(
    private readonly options: DevIdpOptions,
    private readonly privateKey: CryptoKey,
    private readonly publicJwk: JWK,
  ) {}

  static async create(options: DevIdpOptions): Promise<DevIdentityProvider> {
    assertDevIdpEnabled(options);
    const { privateKey, publicKey } = await generateKeyPair(ALG);
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    return new DevIdentityProvider(options, privateKey, { ...jwk, kid, alg: ALG, use: 'sig' });
  }

  users(): readonly DemoUser[] {
    return DEMO_USERS;
  }

  async issueToken(username: string): Promise<DevTokenResponse> {
    const user = DEMO_USERS.find((u) => u.username === username);
    if (!user) throw new UnknownDemoUserError(`There is no demo user called "${username}"`);
    return this.issueTokenFor(user);
  }

  /** Signs a token for any principal; for tests and seeds that need someone not in the demo list. */
  async issueTokenFor(principal: Principal): Promise<DevTokenResponse> {
    const ttl = this.options.tokenTtlSeconds ?? 8 * 60 * 60;
    const issuedAt = Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000);
    const token = await new SignJWT({ ...claimsFor(principal) })
      .setProtectedHeader({ alg: ALG, kid: this.publicJwk.kid, typ: 'JWT' })
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttl)
      .setJti(randomUUID())
      .sign(this.privateKey);
    return { access_token: token, token_type: 'Bearer', expires_in: ttl };
  }

  /** The public key set, as served at /auth/dev/jwks.json. */
  jwks(): JSONWebKeySet {
    return { keys: [{ ...this.publicJwk }] };
  }

  /** Options for a {@link TokenVerifier} in the same process that trusts this provider. */
  verifierOptions(): TokenVerifierOptions {
    const now = this.options.now;
    return {
      issuer: this.options.issuer,
      audience: this.options.audience,
      keys: { jwks: this.jwks() },
      algorithms: [ALG],
      ...(now ? { now } : {}),
    };
  }
}

export function assertDevIdpEnabled(options: Pick<DevIdpOptions, 'enabled'>): void {
  if (options.enabled !== true) {
    throw new Error(
      'The development identity provider runs only in embedded mode; configure a real identity provider',
    );
  }
}
