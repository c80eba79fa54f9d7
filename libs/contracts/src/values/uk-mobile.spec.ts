import { formatUkMobile, normaliseUkMobile, ukMobileSchema } from './uk-mobile';

// Ofcom reserves 07700 900000-900999 for drama; no real phone answers them.
const E164 = '+447700900123';

describe('UK mobile number', () => {
  it.each([
    '07700900123',
    '07700 900123',
    '07700 900 123',
    '07700-900-123',
    '(07700) 900123',
    '+447700900123',
    '+44 7700 900123',
    '+44 (0)7700 900123',
    '+44-7700-900-123',
    '0044 7700 900123',
    '00447700900123',
    '447700900123',
    '7700900123',
    '  07700 900123  ',
  ])('normalises %j to E.164', (typed) => {
    expect(normaliseUkMobile(typed)).toEqual({ ok: true, e164: E164 });
  });

  it.each(['07123 456789', '07500 123456', '07911 123456', '07781 123456', '07912 345678'])(
    'accepts the mobile range of %j',
    (typed) => {
      expect(normaliseUkMobile(typed).ok).toBe(true);
    },
  );

  it('accepts Isle of Man mobiles (07624) even though other 076 numbers are pagers', () => {
    expect(normaliseUkMobile('07624 123456')).toEqual({ ok: true, e164: '+447624123456' });
    expect(normaliseUkMobile('07623 123456')).toMatchObject({ ok: false, reason: 'pager' });
  });

  it.each([
    ['', 'empty'],
    ['07700 9001O3', 'invalid_characters'],
    ['07700.900.123', 'invalid_characters'],
    ['07700 +900123', 'invalid_characters'],
    ['+353 85 123 4567', 'not_uk'],
    ['00353 85 123 4567', 'not_uk'],
    ['1234567', 'unrecognised_format'],
    ['0770090012', 'wrong_length'],
    ['077009001234', 'wrong_length'],
    ['+44 7700 90012', 'wrong_length'],
    ['0161 496 0000', 'landline'],
    ['020 7946 0000', 'landline'],
    ['0300 123 4567', 'landline'],
    ['+44 20 7946 0000', 'landline'],
    ['0800 123 456', 'special_rate'],
    ['0909 879 0000', 'special_rate'],
    ['070 1234 5678', 'personal_number'],
    ['+44 70 1234 5678', 'personal_number'],
    ['07600 123456', 'pager'],
    ['0560 123 4567', 'not_mobile'],
  ])('refuses %j as %s', (typed, reason) => {
    const result = normaliseUkMobile(typed);
    expect(result).toMatchObject({ ok: false, reason });
  });

  it('tells staff what to do with a landline', () => {
    expect(normaliseUkMobile('0161 496 0000')).toEqual({
      ok: false,
      reason: 'landline',
      message: 'This is a landline number (01, 02 or 03); reminders need a mobile number starting 07',
    });
  });

  it('says how many digits it found when the length is wrong', () => {
    expect(normaliseUkMobile('07700 90012')).toMatchObject({
      message: 'A UK mobile number has 11 digits starting 07 (found 10)',
    });
  });

  describe('ukMobileSchema', () => {
    it('outputs E.164', () => {
      expect(ukMobileSchema.parse('07700 900123')).toBe(E164);
    });

    it('carries the refusal message', () => {
      const result = ukMobileSchema.safeParse('07600 123456');
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        'Numbers starting 076 are pagers and cannot receive text messages',
      );
    });
  });

  describe('formatUkMobile', () => {
    it('writes the national form with a space after the fifth digit', () => {
      expect(formatUkMobile(E164)).toBe('07700 900123');
    });

    it('refuses to format a number that cannot receive SMS', () => {
      expect(() => formatUkMobile('0161 496 0000')).toThrow('Cannot format an invalid mobile number');
    });
  });
});
