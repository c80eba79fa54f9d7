import { normaliseUkMobile } from '@careloop/contracts';

export type UkPhoneResult = { ok: true; e164: string; mobile: boolean } | { ok: false; message: string };

// 01 (10 or 11 digits), 02 and 03 (11), 08 freephone and non-geographic (10 or 11); 09 premium is refused.
const NATIONAL_LANDLINE = /^0(?:1\d{8,9}|2\d{9}|3\d{9}|8\d{8,9})$/;

/**
 * A UK phone number for a contact that is not the client's own mobile (a hostel's office, a pharmacy,
 * a relative): a mobile or a landline, stored in E.164 like mobiles so every number on the record has
 * one form. `mobile` says whether it can receive text messages.
 */
export function normaliseUkPhone(input: string): UkPhoneResult {
  const asMobile = normaliseUkMobile(input);
  if (asMobile.ok) return { ok: true, e164: asMobile.e164, mobile: true };
  if (asMobile.reason !== 'landline' && asMobile.reason !== 'special_rate') {
    return { ok: false, message: phoneMessage(asMobile.reason, asMobile.message) };
  }
  const compact = input.trim().replace(/[\s\-()]/g, '');
  const international = /^(?:\+|00)44(\d+)$/.exec(compact) ?? /^44(\d+)$/.exec(compact);
  const rest = international ? international[1]! : compact;
  const national = rest.startsWith('0') ? rest : `0${rest}`;
  if (national.startsWith('09')) {
    return { ok: false, message: 'Premium-rate numbers (09) cannot be recorded as a contact' };
  }
  if (!NATIONAL_LANDLINE.test(national)) {
    return {
      ok: false,
      message: `A UK landline has 10 or 11 digits starting 01, 02, 03 or 08 (found ${national.length})`,
    };
  }
  return { ok: true, e164: `+44${national.slice(1)}`, mobile: false };
}

function phoneMessage(reason: string, mobileMessage: string): string {
  switch (reason) {
    case 'empty':
      return 'Enter a phone number';
    case 'not_uk':
      return 'Only UK phone numbers (+44) can be recorded';
    case 'unrecognised_format':
      return 'A UK phone number starts 0 or +44';
    default:
      return mobileMessage;
  }
}
