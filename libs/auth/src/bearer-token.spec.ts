import { extractBearerToken } from './bearer-token';
import { TokenRejectedError } from './token-rejected.error';

function reasonFor(header: string | string[] | undefined): string {
  try {
    extractBearerToken(header);
  } catch (err) {
    if (err instanceof TokenRejectedError) return err.reason;
    throw err;
  }
  return 'accepted';
}

describe('extractBearerToken', () => {
  it('takes the token from a Bearer header, whatever the scheme case', () => {
    expect(extractBearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(extractBearerToken('bearer abc.def.ghi')).toBe('abc.def.ghi');
  });

  it('says the token is missing when there is no header or no token after the scheme', () => {
    expect(reasonFor(undefined)).toBe('missing');
    expect(reasonFor('')).toBe('missing');
    expect(reasonFor('Bearer')).toBe('missing');
    expect(reasonFor('Bearer   ')).toBe('missing');
  });

  it('refuses other schemes', () => {
    expect(reasonFor('Basic dXNlcjpwYXNz')).toBe('not_bearer');
    expect(reasonFor('abc.def.ghi')).toBe('not_bearer');
  });

  it('refuses a header with more than one token', () => {
    expect(reasonFor('Bearer abc def')).toBe('malformed');
    expect(reasonFor(['Bearer abc', 'Bearer def'])).toBe('malformed');
  });
});
