import { TokenRejectedError } from './token-rejected.error';

/** Takes the token out of an `Authorization: Bearer <token>` header (scheme is case-insensitive, RFC 7235). */
export function extractBearerToken(authorization: string | readonly string[] | undefined): string {
  if (authorization === undefined || authorization.length === 0) {
    throw new TokenRejectedError('missing', 'A bearer token is required');
  }
  if (typeof authorization !== 'string') {
    throw new TokenRejectedError('malformed', 'Send exactly one Authorization header');
  }
  const [scheme = '', token, ...rest] = authorization.trim().split(/\s+/);
  if (scheme.toLowerCase() !== 'bearer') {
    throw new TokenRejectedError('not_bearer', 'The Authorization header must use the Bearer scheme');
  }
  if (token === undefined) throw new TokenRejectedError('missing', 'A bearer token is required');
  if (rest.length > 0) throw new TokenRejectedError('malformed', 'The bearer token must not contain spaces');
  return token;
}
