import { z } from 'zod';

/**
 * Why a number cannot receive SMS reminders. Staff type what a client reads out, so each reason has a
 * message saying what to check.
 */
export type UkMobileRejection =
  | 'empty'
  | 'invalid_characters'
  | 'not_uk'
  | 'unrecognised_format'
  | 'wrong_length'
  | 'landline'
  | 'special_rate'
  | 'personal_number'
  | 'pager'
  | 'not_mobile';

export type UkMobileResult =
  { ok: true; e164: string } | { ok: false; reason: UkMobileRejection; message: string };

const reject = (reason: UkMobileRejection, message: string): UkMobileResult => ({
  ok: false,
  reason,
  message,
});

/**
 * Turns a UK mobile number as typed into E.164 (+447xxxxxxxxx).
 *
 * Accepts 07xxx xxxxxx, +44 7xxx, +44 (0)7xxx, 0044 7xxx and 447xxx (copied from systems that store
 * E.164 without the plus), with spaces, dashes and brackets; also 7xxxxxxxxx, because spreadsheets drop
 * the leading zero. Mobiles are 071-075 and 077-079. 070 (personal numbering, which forwards at a
 * premium) and 076 (pagers) are refused, except 07624: that is the Isle of Man's mobile range, which
 * receives SMS like any UK mobile, and a client who moved from the island may still use it.
 * Channel Islands mobiles (07781, 07797, 07839, 07911, ...) fall inside 077-079 and are accepted.
 * Ofcom's drama range 07700 900000-900999 is accepted so seeds and tests can use it.
 */
export function normaliseUkMobile(input: string): UkMobileResult {
  const trimmed = input.trim();
  if (trimmed === '') return reject('empty', 'Enter a mobile number');
  if (!/^\+?[\d\s\-()]+$/.test(trimmed)) {
    return reject(
      'invalid_characters',
      'Mobile number must contain only digits, spaces, dashes, brackets and a leading +',
    );
  }
  const compact = trimmed.replace(/[\s\-()]/g, '');

  let national: string;
  const international = /^(?:\+|00)(\d*)$/.exec(compact);
  if (international) {
    const rest = international[1] ?? '';
    if (!rest.startsWith('44')) return reject('not_uk', 'Only UK mobile numbers (+44) can receive reminders');
    national = toNational(rest.slice(2));
  } else if (compact.startsWith('0')) {
    national = compact;
  } else if (compact.startsWith('44')) {
    national = toNational(compact.slice(2));
  } else if (/^7\d{9}$/.test(compact)) {
    national = `0${compact}`;
  } else {
    return reject('unrecognised_format', 'A UK mobile number starts 07 or +44 7');
  }

  if (/^0[123]/.test(national)) {
    return reject(
      'landline',
      'This is a landline number (01, 02 or 03); reminders need a mobile number starting 07',
    );
  }
  if (/^0[89]/.test(national)) {
    return reject(
      'special_rate',
      'This is a freephone, business or premium-rate number (08 or 09); reminders need a mobile number starting 07',
    );
  }
  if (national.startsWith('070')) {
    return reject(
      'personal_number',
      'Numbers starting 070 are personal forwarding numbers, not mobiles; ask for the mobile number itself',
    );
  }
  if (national.startsWith('076') && !national.startsWith('07624')) {
    return reject('pager', 'Numbers starting 076 are pagers and cannot receive text messages');
  }
  if (!national.startsWith('07')) {
    return reject('not_mobile', 'This is not a UK mobile number; mobile numbers start 07');
  }
  if (national.length !== 11) {
    return reject('wrong_length', `A UK mobile number has 11 digits starting 07 (found ${national.length})`);
  }
  return { ok: true, e164: `+44${national.slice(1)}` };
}

// "+44 (0)7700..." keeps the trunk zero in brackets; drop it so the national form has exactly one.
function toNational(afterCountryCode: string): string {
  return afterCountryCode.startsWith('0') ? afterCountryCode : `0${afterCountryCode}`;
}

/** Accepts a UK mobile number as typed and outputs E.164, the form we store and give the SMS gateway. */
export const ukMobileSchema = z.string().transform((input, ctx) => {
  const result = normaliseUkMobile(input);
  if (result.ok) return result.e164;
  ctx.addIssue({ code: 'custom', message: result.message, params: { reason: result.reason } });
  return z.NEVER;
});

/** Displays a UK mobile the way people write it: 07700 900123. */
export function formatUkMobile(input: string): string {
  const result = normaliseUkMobile(input);
  if (!result.ok) throw new Error(`Cannot format an invalid mobile number: ${result.message}`);
  const national = `0${result.e164.slice(3)}`;
  return `${national.slice(0, 5)} ${national.slice(5)}`;
}
