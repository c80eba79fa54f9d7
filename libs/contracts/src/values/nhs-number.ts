import { z } from 'zod';

/** Why an NHS number was refused; the message says it in words staff understand. */
export type NhsNumberRejection = 'empty' | 'invalid_characters' | 'wrong_length' | 'check_digit';

export type NhsNumberResult =
  { ok: true; value: string } | { ok: false; reason: NhsNumberRejection; message: string };

// Staff copy numbers from letters and screens that write them "943 476 5919" or "943-476-5919".
const DIGITS_WITH_SEPARATORS = /^\d(?:[\d\s-]*\d)?$/;

/**
 * The modulus 11 check digit for the first nine digits: weights 10 down to 2, check = 11 - (sum mod 11).
 * Returns null when the check would be 10, because no valid NHS number has that prefix.
 */
export function nhsCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) throw new Error('nhsCheckDigit needs exactly nine digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}

/** Validates an NHS number as typed and returns it as 10 bare digits. */
export function normaliseNhsNumber(input: string): NhsNumberResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'empty', message: 'Enter an NHS number' };
  if (!DIGITS_WITH_SEPARATORS.test(trimmed)) {
    return {
      ok: false,
      reason: 'invalid_characters',
      message: 'NHS number must contain only digits, spaces or dashes',
    };
  }
  const digits = trimmed.replace(/[\s-]/g, '');
  if (digits.length !== 10) {
    return {
      ok: false,
      reason: 'wrong_length',
      message: `NHS number must be 10 digits (found ${digits.length})`,
    };
  }
  if (nhsCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) {
    return {
      ok: false,
      reason: 'check_digit',
      message: 'NHS number is not valid: check the digits were copied correctly',
    };
  }
  return { ok: true, value: digits };
}

export function isValidNhsNumber(input: string): boolean {
  return normaliseNhsNumber(input).ok;
}

/** Accepts an NHS number as typed (spaces, dashes) and outputs the 10-digit form we store and send. */
export const nhsNumberSchema = z.string().transform((input, ctx) => {
  const result = normaliseNhsNumber(input);
  if (result.ok) return result.value;
  ctx.addIssue({ code: 'custom', message: result.message, params: { reason: result.reason } });
  return z.NEVER;
});

/** Displays an NHS number the way the NHS prints it: 943 476 5919. */
export function formatNhsNumber(input: string): string {
  const result = normaliseNhsNumber(input);
  if (!result.ok) throw new Error(`Cannot format an invalid NHS number: ${result.message}`);
  const d = result.value;
  return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
}
