import { encodingOf, measureSms, nonGsmCharacters } from './sms-segments';

const gsm = (n: number) => 'a'.repeat(n);
const ucs = (n: number) => 'ж'.repeat(n);

describe('SMS segments', () => {
  it('sends plain English, £, accented letters of the GSM alphabet and new lines as GSM-7', () => {
    expect(measureSms('Hi Zoé, £5 @ Ünit 3:\nsee you à 10:30?')).toEqual({
      encoding: 'GSM-7',
      segments: 1,
      units: 37,
    });
  });

  it('counts extension characters (€ [ ] { } ^ ~ | \\ and form feed) as two septets but stays GSM-7', () => {
    expect(measureSms('€')).toEqual({ encoding: 'GSM-7', segments: 1, units: 2 });
    expect(measureSms('[')).toEqual({ encoding: 'GSM-7', segments: 1, units: 2 });
    expect(measureSms('€[]{}^~|\\\f').units).toBe(20);
    expect(encodingOf('a [b] {c} ~d~ |e| ^f^ \\g €5')).toBe('GSM-7');
  });

  it('switches to UCS-2 for one character outside the GSM alphabet: an emoji, curly quote or ç', () => {
    expect(measureSms('See you soon 👍')).toEqual({ encoding: 'UCS-2', segments: 1, units: 15 });
    expect(encodingOf('O’Brien')).toBe('UCS-2');
    expect(encodingOf('François')).toBe('UCS-2');
    expect(nonGsmCharacters('O’Brien’s “café” 👍👍')).toEqual(['’', '“', '”', '👍']);
  });

  it('fits 160 GSM-7 septets in one segment and splits 161 into two of at most 153', () => {
    expect(measureSms(gsm(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(measureSms(gsm(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161 });
    expect(measureSms(gsm(306)).segments).toBe(2);
    expect(measureSms(gsm(307)).segments).toBe(3);
    expect(measureSms(gsm(459)).segments).toBe(3);
    expect(measureSms(gsm(460)).segments).toBe(4);
  });

  it('counts the septets of extension characters against the limits', () => {
    expect(measureSms(`${gsm(158)}€`)).toMatchObject({ segments: 1, units: 160 });
    expect(measureSms(`${gsm(159)}€`)).toMatchObject({ segments: 2, units: 161 });
  });

  it('never splits an escape pair: a euro that would straddle the part boundary starts the next part', () => {
    // 152 septets then € (2): 154 does not fit in 153, so the euro moves on; 306 septets in all.
    expect(measureSms(`${gsm(152)}€${gsm(152)}`)).toMatchObject({ segments: 3, units: 306 });
    expect(measureSms(`${gsm(151)}€${gsm(153)}`)).toMatchObject({ segments: 2, units: 306 });
  });

  it('fits 70 UCS-2 units in one segment and splits 71 into two of at most 67', () => {
    expect(measureSms(ucs(70))).toEqual({ encoding: 'UCS-2', segments: 1, units: 70 });
    expect(measureSms(ucs(71))).toEqual({ encoding: 'UCS-2', segments: 2, units: 71 });
    expect(measureSms(ucs(134)).segments).toBe(2);
    expect(measureSms(ucs(135)).segments).toBe(3);
  });

  it('counts an emoji as two UCS-2 units and never splits its surrogate pair across parts', () => {
    expect(measureSms('👍'.repeat(35))).toMatchObject({ segments: 1, units: 70 });
    expect(measureSms(`${ucs(69)}👍`)).toMatchObject({ segments: 2, units: 71 });
    // 66 units then an emoji: 68 does not fit in 67, so the emoji starts part two.
    expect(measureSms(`${ucs(66)}👍${ucs(66)}`)).toMatchObject({ segments: 3, units: 134 });
    expect(measureSms(`${ucs(65)}👍${ucs(67)}`)).toMatchObject({ segments: 2, units: 134 });
  });

  it('treats GSM characters in a UCS-2 text as one unit each, since the whole text is UCS-2', () => {
    expect(measureSms(`${gsm(69)}€`)).toMatchObject({ encoding: 'GSM-7', units: 71, segments: 1 });
    expect(measureSms(`${gsm(69)}ж€`)).toMatchObject({ encoding: 'UCS-2', units: 71, segments: 2 });
  });

  it('bills an empty text as one message', () => {
    expect(measureSms('')).toEqual({ encoding: 'GSM-7', segments: 1, units: 0 });
  });
});
