import {
  formatNhsNumber,
  isValidNhsNumber,
  nhsCheckDigit,
  nhsNumberSchema,
  normaliseNhsNumber,
} from './nhs-number';

/** Builds a valid synthetic NHS number from nine digits, or null when that prefix has no valid check digit. */
function withCheckDigit(firstNine: string): string | null {
  const check = nhsCheckDigit(firstNine);
  return check === null ? null : `${firstNine}${check}`;
}

describe('NHS number', () => {
  it('accepts the published test number', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
  });

  it('normalises spaces and dashes as staff copy them from letters', () => {
    for (const typed of ['943 476 5919', '943-476-5919', ' 943  476 5919 ', '9434 765 919']) {
      expect(normaliseNhsNumber(typed)).toEqual({ ok: true, value: '9434765919' });
    }
  });

  it('computes the modulus 11 check digit, mapping remainder 0 to check digit 0', () => {
    expect(nhsCheckDigit('943476591')).toBe(9);
    // 100000000: sum 10, remainder 10, 11 - 10 = 1
    expect(nhsCheckDigit('100000000')).toBe(1);
    // 000000000: sum 0, 11 - 0 = 11 which is written as 0
    expect(nhsCheckDigit('000000000')).toBe(0);
  });

  it('has no valid number for prefixes whose check would be 10', () => {
    // 100000001: 10 + 2 = 12, remainder 1, 11 - 1 = 10
    expect(nhsCheckDigit('100000001')).toBeNull();
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`100000001${d}`)).toBe(false);
  });

  it('accepts every generated valid number and rejects each single-digit change to its check digit', () => {
    let generated = 0;
    for (let n = 400000000; n < 400000000 + 200 * 7919; n += 7919) {
      const nhs = withCheckDigit(String(n));
      if (nhs === null) continue;
      generated++;
      expect(isValidNhsNumber(nhs)).toBe(true);
      const check = Number(nhs[9]);
      for (let other = 0; other <= 9; other++) {
        if (other !== check) expect(isValidNhsNumber(`${nhs.slice(0, 9)}${other}`)).toBe(false);
      }
    }
    expect(generated).toBeGreaterThan(150);
  });

  it('catches two adjacent digits swapped', () => {
    expect(isValidNhsNumber('4934765919')).toBe(false);
    expect(isValidNhsNumber('9437465919')).toBe(false);
  });

  it.each([
    ['', 'empty', 'Enter an NHS number'],
    ['   ', 'empty', 'Enter an NHS number'],
    ['943 476 591', 'wrong_length', 'NHS number must be 10 digits (found 9)'],
    ['94347659190', 'wrong_length', 'NHS number must be 10 digits (found 11)'],
    ['943.476.5919', 'invalid_characters', 'NHS number must contain only digits, spaces or dashes'],
    ['NHS 9434765919', 'invalid_characters', 'NHS number must contain only digits, spaces or dashes'],
    ['-943 476 5919', 'invalid_characters', 'NHS number must contain only digits, spaces or dashes'],
    ['9434765918', 'check_digit', 'NHS number is not valid: check the digits were copied correctly'],
  ])('refuses %j with reason %s', (typed, reason, message) => {
    expect(normaliseNhsNumber(typed)).toEqual({ ok: false, reason, message });
  });

  describe('nhsNumberSchema', () => {
    it('outputs the normalised 10 digits', () => {
      expect(nhsNumberSchema.parse('943 476 5919')).toBe('9434765919');
    });

    it('reports why a number was refused', () => {
      const result = nhsNumberSchema.safeParse('943 476 5918');
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        'NHS number is not valid: check the digits were copied correctly',
      );
    });

    it('refuses non-strings', () => {
      expect(nhsNumberSchema.safeParse(9434765919).success).toBe(false);
    });
  });

  describe('formatNhsNumber', () => {
    it('writes 3-3-4 whatever the input spacing', () => {
      expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
      expect(formatNhsNumber('943-476-5919')).toBe('943 476 5919');
    });

    it('refuses to format an invalid number rather than display something that looks real', () => {
      expect(() => formatNhsNumber('9434765918')).toThrow('Cannot format an invalid NHS number');
    });
  });
});
