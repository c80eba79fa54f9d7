import { REMINDER_STEPS, type ReminderStep } from '@careloop/contracts';
import {
  DEFAULT_SEGMENTS,
  DEFAULT_TEMPLATES,
  WITHHELD_LOCATION,
  WITHHELD_OFFER_LOCATION,
  withheldLocationFor,
} from './default-templates';
import { formatWhen, renderTemplate, replyValues, type PlaceholderValues } from './render';
import { findSensitiveWords } from './sensitive-words';
import { measureSms } from './sms-segments';
import { lintTemplate } from './template-lint';

/** An offer lapsing on the longest day and month names. */
const EXPIRES_AT = new Date('2026-09-30T09:30:00Z');

/** Longer than most: a double-barrelled name, the longest {when}, a full hospital address. */
const long = (step: ReminderStep): PlaceholderValues => ({
  name: 'Anne-Marguerite',
  when: 'Wed 30 Sep at 10:30',
  where: 'Outpatients B, St Elsewhere Hospital, Lower Road',
  ...replyValues(step, EXPIRES_AT),
});

describe('default templates', () => {
  it.each(REMINDER_STEPS)('%s fits its segments in GSM-7 with a long name and location', (step) => {
    const text = renderTemplate(DEFAULT_TEMPLATES[step], long(step));
    expect(measureSms(text)).toMatchObject({ encoding: 'GSM-7', segments: DEFAULT_SEGMENTS[step] });
  });

  it('keeps every reminder to one segment, and the offer, which says by when to answer, to two', () => {
    expect(DEFAULT_SEGMENTS).toEqual({
      offer: 2,
      confirmation: 1,
      three_days_before: 1,
      evening_before: 1,
      two_hours_before: 1,
      missed: 1,
    });
  });

  it('leaves room: {when} is at most 19 characters whatever the day', () => {
    const longest = formatWhen(new Date('2026-09-30T09:30:00Z'));
    expect(longest).toBe('Wed 30 Sep at 10:30');
    expect(longest).toHaveLength(19);
  });

  it.each(REMINDER_STEPS)('%s passes the lint as a template for everyone, with no warning', (step) => {
    expect(lintTemplate(DEFAULT_TEMPLATES[step], { namesService: false, step })).toEqual({
      problems: [],
      warnings: [],
      encoding: 'GSM-7',
      segments: DEFAULT_SEGMENTS[step],
    });
  });

  it('says when and where and how to reply, and nothing relative that a late send could make wrong', () => {
    for (const step of REMINDER_STEPS) {
      const body = DEFAULT_TEMPLATES[step];
      // "Sorry we missed you" names no place: the client knows it, and the phone's other readers need not.
      const placeholders =
        step === 'missed' ? ['{name}', '{when}', '{reply}'] : ['{name}', '{when}', '{where}', '{reply}'];
      for (const placeholder of placeholders) expect(body).toContain(placeholder);
      expect(body).not.toMatch(/\b(today|tomorrow|tonight)\b/i);
    }
  });

  it('says sorry we missed you kindly, blaming nobody, and offers help to book again with a YES', () => {
    const text = renderTemplate(DEFAULT_TEMPLATES.missed, long('missed'));
    expect(text).toBe(
      'Hi Anne-Marguerite, sorry we missed you on Wed 30 Sep at 10:30. Would you like a new appointment? ' +
        'Reply YES and we will help you book one.',
    );
    expect(text).not.toMatch(/\b(failed|did not attend|didn't attend|DNA|no.?show|missed your)\b/i);
    expect(findSensitiveWords(text)).toEqual([]);
  });

  it('offers the appointment plainly, asking for YES by the expiry or NO', () => {
    expect(renderTemplate(DEFAULT_TEMPLATES.offer, long('offer'))).toBe(
      'Hi Anne-Marguerite, an appointment is free for you on Wed 30 Sep at 10:30 at Outpatients B, ' +
        'St Elsewhere Hospital, Lower Road. Reply YES by 10:30 Wed 30 Sep to take it, or NO if it does not suit.',
    );
  });

  it('fits its segments with the withheld location too, and it reveals nothing', () => {
    for (const step of REMINDER_STEPS) {
      const text = renderTemplate(DEFAULT_TEMPLATES[step], {
        ...long(step),
        where: withheldLocationFor(step),
      });
      expect(measureSms(text).segments).toBeLessThanOrEqual(DEFAULT_SEGMENTS[step]);
    }
    expect(findSensitiveWords(WITHHELD_LOCATION)).toEqual([]);
    expect(findSensitiveWords(WITHHELD_OFFER_LOCATION)).toEqual([]);
  });

  it('points no offer to an address: nobody gave one for an appointment only offered', () => {
    expect(withheldLocationFor('offer')).toBe('a place we will confirm');
    expect(withheldLocationFor('confirmation')).toBe('the address you were given');
  });
});
