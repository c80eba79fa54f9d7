/** How a text travels: 7-bit GSM alphabet, or UCS-2 (UTF-16 code units) as soon as one character is outside it. */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSize {
  encoding: SmsEncoding;
  /** Messages the network bills for (1 for an empty text: it still costs a message). */
  segments: number;
  /** Septets for GSM-7 (an extension character counts 2), UTF-16 code units for UCS-2. */
  units: number;
}

/** GSM 03.38 basic alphabet (the escape 0x1B itself is not a character a text may hold). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/** GSM 03.38 extension table: each is sent as escape + character, so costs two septets. */
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

/** Limits per message: one segment alone, or each part of a concatenated text (the UDH takes the rest). */
export const SEGMENT_LIMITS = {
  'GSM-7': { single: 160, concatenated: 153 },
  'UCS-2': { single: 70, concatenated: 67 },
} as const satisfies Record<SmsEncoding, { single: number; concatenated: number }>;

/** The characters of `text` that force UCS-2, each once, in order of appearance. */
export function nonGsmCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) {
    if (!GSM_BASIC.has(char) && !GSM_EXTENSION.has(char)) found.add(char);
  }
  return [...found];
}

export function encodingOf(text: string): SmsEncoding {
  return nonGsmCharacters(text).length === 0 ? 'GSM-7' : 'UCS-2';
}

/**
 * Counts what a text costs. Characters are packed greedily into parts; an escape pair (GSM-7) or a
 * surrogate pair (UCS-2) never straddles two parts, as handsets could not reassemble it, so a part can
 * end one unit short of its limit.
 */
export function measureSms(text: string): SmsSize {
  const encoding = encodingOf(text);
  // Iterating a string yields code points: a surrogate pair arrives as one 2-unit character.
  const costs = [...text].map((char) =>
    encoding === 'GSM-7' ? (GSM_EXTENSION.has(char) ? 2 : 1) : char.length,
  );
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const limits = SEGMENT_LIMITS[encoding];
  if (units <= limits.single) return { encoding, segments: 1, units };

  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > limits.concatenated) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, segments, units };
}
