import { REMINDER_STEPS } from '@careloop/contracts';
import { DEFAULT_TEMPLATES, WITHHELD_LOCATION } from './default-templates';
import { REPLY_INSTRUCTION, formatWhen, renderTemplate } from './render';
import { findSensitiveWords } from './sensitive-words';
import { measureSms } from './sms-segments';
import { lintTemplate } from './template-lint';

/** Longer than most: a double-barrelled name, the longest {when}, a full hospital address. */
const LONG = {
  name: 'Anne-Marguerite',
  when: 'Wed 30 Sep at 10:30',
  where: 'Outpatients B, St Elsewhere Hospital, Lower Road',
  reply: REPLY_INSTRUCTION,
};

describe('default templates', () => {
  it.each(REMINDER_STEPS)('%s fits one GSM-7 segment with a long name and location', (step) => {
    const text = renderTemplate(DEFAULT_TEMPLATES[step], LONG);
    expect(measureSms(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('leaves room: {when} is at most 19 characters whatever the day', () => {
    const longest = formatWhen(new Date('2026-09-30T09:30:00Z'));
    expect(longest).toBe(LONG.when);
    expect(longest).toHaveLength(19);
  });

  it.each(REMINDER_STEPS)('%s passes the lint as a template for everyone, with no warning', (step) => {
    expect(lintTemplate(DEFAULT_TEMPLATES[step], { namesService: false })).toEqual({
      problems: [],
      warnings: [],
      encoding: 'GSM-7',
      segments: 1,
    });
  });

  it('says when and where and how to reply, and nothing relative that a late send could make wrong', () => {
    for (const step of REMINDER_STEPS) {
      const body = DEFAULT_TEMPLATES[step];
      for (const placeholder of ['{name}', '{when}', '{where}', '{reply}'])
        expect(body).toContain(placeholder);
      expect(body).not.toMatch(/\b(today|tomorrow|tonight)\b/i);
    }
  });

  it('fits one segment with the withheld location too, and it reveals nothing', () => {
    const text = renderTemplate(DEFAULT_TEMPLATES.three_days_before, { ...LONG, where: WITHHELD_LOCATION });
    expect(measureSms(text).segments).toBe(1);
    expect(findSensitiveWords(WITHHELD_LOCATION)).toEqual([]);
  });
});
