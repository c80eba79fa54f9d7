import { parseIdempotencyKey } from './idempotency-key';
import { RequestValidationError } from './request-validation-error';

describe('parseIdempotencyKey', () => {
  const key = '5e0f4b52-8c0e-4b8a-9a43-6c0b1f1f2d77';

  it('accepts a bare or quoted key', () => {
    expect(parseIdempotencyKey(key)).toBe(key);
    expect(parseIdempotencyKey(`"${key}"`)).toBe(key);
  });

  it('is undefined when absent, unless required', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(() => parseIdempotencyKey(undefined, { required: true })).toThrow(RequestValidationError);
  });

  it.each([
    ['too short', 'abc'],
    ['too long', 'k'.repeat(129)],
    ['whitespace', 'has a space'],
    ['sent twice', [key, key]],
  ])('rejects a key that is %s', (_case, header) => {
    expect(() => parseIdempotencyKey(header)).toThrow(RequestValidationError);
  });
});
