import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { parsePrincipalClaims, type Principal } from './principal';
import { KeySetUnavailableError, TokenRejectedError } from './token-rejected.error';

export const TOKEN_ALGORITHMS = ['RS256', 'ES256'] as const;
export type TokenAlgorithm = (typeof TOKEN_ALGORITHMS)[number];

/** Where signing keys come from: the identity provider's JWKS endpoint, or keys given in configuration. */
export type TokenKeySource = { jwksUrl: string } | { jwks: JSONWebKeySet } | { publicJwk: JWK };

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  keys: TokenKeySource;
  /** Defaults to RS256 and ES256; `none` and HMAC are never accepted. */
  algorithms?: readonly TokenAlgorithm[];
  /** Allowed skew between our clock and the identity provider's. Defaults to 30 seconds. */
  clockToleranceSeconds?: number;
  /** The injected clock; defaults to the system clock. */
  now?: () => Date;
}

/** Verifies bearer tokens and turns their claims into a {@link Principal}. */
export class TokenVerifier {
  private readonly getKey: JWTVerifyGetKey;
  private readonly remote: boolean;

  constructor(private readonly options: TokenVerifierOptions) {
    const unsupported = (options.algorithms ?? []).filter(
      (a) => !(TOKEN_ALGORITHMS as readonly string[]).includes(a),
    );
    if (unsupported.length > 0) throw new Error(`Token algorithms not allowed: ${unsupported.join(', ')}`);
    const keys = options.keys;
    this.remote = 'jwksUrl' in keys;
    if ('jwksUrl' in keys) this.getKey = createRemoteJWKSet(new URL(keys.jwksUrl));
    else if ('jwks' in keys) this.getKey = createLocalJWKSet(keys.jwks);
    else this.getKey = createLocalJWKSet({ keys: [keys.publicJwk] });
  }

  /** Resolves to the principal, or rejects with {@link TokenRejectedError} saying why. */
  async verify(token: string): Promise<Principal> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.getKey, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: [...(this.options.algorithms ?? TOKEN_ALGORITHMS)],
        clockTolerance: this.options.clockToleranceSeconds ?? 30,
        requiredClaims: ['exp'],
        ...(this.options.now ? { currentDate: this.options.now() } : {}),
      }));
    } catch (err) {
      throw this.explain(err);
    }
    const parsed = parsePrincipalClaims(payload);
    if (!parsed.ok)
      throw new TokenRejectedError(
        'invalid_claims',
        `Token claims are invalid: ${parsed.problems.join('; ')}`,
      );
    return parsed.principal;
  }

  private explain(err: unknown): Error {
    if (err instanceof errors.JWTExpired) return new TokenRejectedError('expired', 'Token has expired');
    if (err instanceof errors.JWTClaimValidationFailed) {
      switch (err.claim) {
        case 'iss':
          return new TokenRejectedError(
            'wrong_issuer',
            'Token was not issued by the trusted identity provider',
          );
        case 'aud':
          return new TokenRejectedError('wrong_audience', 'Token was not issued for this service');
        case 'nbf':
          return new TokenRejectedError('not_yet_valid', 'Token is not valid yet');
        default:
          return new TokenRejectedError('invalid_claims', `Token claim "${err.claim}" is ${err.reason}`);
      }
    }
    if (err instanceof errors.JWSSignatureVerificationFailed)
      return new TokenRejectedError('bad_signature', 'Token signature is invalid');
    if (err instanceof errors.JWKSNoMatchingKey)
      return new TokenRejectedError('unknown_key', 'Token was signed with a key this service does not trust');
    if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) {
      return new TokenRejectedError(
        'unsupported_algorithm',
        'Token is signed with an algorithm this service does not accept',
      );
    }
    if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid)
      return new TokenRejectedError('malformed', 'Token is malformed');
    if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid || this.remote) {
      return new KeySetUnavailableError('Signing keys could not be fetched from the identity provider', {
        cause: err,
      });
    }
    return err instanceof Error ? err : new Error(String(err));
  }
}
