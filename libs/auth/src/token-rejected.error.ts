/** Why a bearer token was not accepted. Every one of these is a 401. */
export type TokenRejection =
  | 'missing'
  | 'not_bearer'
  | 'malformed'
  | 'expired'
  | 'not_yet_valid'
  | 'bad_signature'
  | 'unknown_key'
  | 'unsupported_algorithm'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'invalid_claims';

export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';

  constructor(
    readonly reason: TokenRejection,
    message: string,
  ) {
    super(message);
  }
}

/** The key set could not be fetched: our fault or the identity provider's, not the caller's (503). */
export class KeySetUnavailableError extends Error {
  override readonly name = 'KeySetUnavailableError';
}
