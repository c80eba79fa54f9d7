import { parseRrule, RruleNotAccepted } from './rrule';

const refusal = (text: string): { part: string; message: string } => {
  try {
    parseRrule(text);
  } catch (error) {
    if (error instanceof RruleNotAccepted) return { part: error.part, message: error.message };
    throw error;
  }
  throw new Error(`"${text}" was accepted`);
};

describe('parsing the RRULE subset availability accepts', () => {
  it('reads a weekly rule with its defaults: every week, no end', () => {
    expect(parseRrule('FREQ=WEEKLY;BYDAY=TU')).toEqual({
      freq: 'WEEKLY',
      interval: 1,
      byDay: ['TU'],
      count: null,
      until: null,
    });
  });

  it('reads part names and values in any case, with an RRULE: prefix, weekdays Monday first without repeats', () => {
    expect(parseRrule('RRULE:freq=daily;Interval=2;byday=fr,mo,we,mo;count=10')).toEqual({
      freq: 'DAILY',
      interval: 2,
      byDay: ['MO', 'WE', 'FR'],
      count: 10,
      until: null,
    });
  });

  it('reads UNTIL as a London date or as a UTC instant', () => {
    expect(parseRrule('FREQ=DAILY;UNTIL=20261224').until).toEqual({ kind: 'date', date: '2026-12-24' });
    expect(parseRrule('FREQ=DAILY;UNTIL=20261224T120000Z').until).toEqual({
      kind: 'instant',
      instant: new Date('2026-12-24T12:00:00Z'),
    });
  });

  it.each([
    ['FREQ=MONTHLY;BYDAY=TU', 'FREQ', 'FREQ=MONTHLY is not supported: only DAILY or WEEKLY'],
    ['FREQ=WEEKLY;BYMONTH=1', 'BYMONTH', 'BYMONTH is not supported'],
    ['FREQ=WEEKLY;BYSETPOS=1;BYDAY=MO', 'BYSETPOS', 'BYSETPOS is not supported'],
    ['FREQ=WEEKLY;WKST=SU', 'WKST', 'WKST is not supported'],
    ['DTSTART=20260101T090000Z;FREQ=DAILY', 'DTSTART', 'DTSTART is not supported'],
    ['FREQ=WEEKLY;BYDAY=1MO', 'BYDAY', '"1MO" is not a plain weekday'],
    ['FREQ=WEEKLY;BYDAY=TUE', 'BYDAY', '"TUE" is not a plain weekday'],
    ['FREQ=DAILY;COUNT=5;UNTIL=20261231', 'COUNT', 'COUNT and UNTIL cannot both be given'],
    ['FREQ=DAILY;INTERVAL=0', 'INTERVAL', 'INTERVAL=0 must be a whole number from 1 to 99'],
    ['FREQ=DAILY;INTERVAL=100', 'INTERVAL', 'INTERVAL=100 must be a whole number from 1 to 99'],
    ['FREQ=DAILY;COUNT=1.5', 'COUNT', 'COUNT=1.5 must be a whole number from 1 to 1000'],
    ['FREQ=DAILY;UNTIL=2026-12-31', 'UNTIL', 'must be a date (YYYYMMDD) or a UTC date-time'],
    ['FREQ=DAILY;UNTIL=20261231T090000', 'UNTIL', 'must be a date (YYYYMMDD) or a UTC date-time'],
    ['FREQ=DAILY;UNTIL=20260231', 'UNTIL', 'must be a date (YYYYMMDD) or a UTC date-time'],
    ['BYDAY=TU', 'FREQ', 'FREQ is required'],
    ['FREQ=DAILY;FREQ=WEEKLY', 'FREQ', 'FREQ is given more than once'],
    ['FREQ=DAILY;', 'RRULE', 'an empty part (a stray ";") is not a NAME=VALUE part'],
    ['FREQ', 'FREQ', '"FREQ" is not a NAME=VALUE part'],
    ['  ', 'RRULE', 'RRULE is empty'],
  ])('refuses %p, naming %s', (text, part, message) => {
    const refused = refusal(text);
    expect(refused.part).toBe(part);
    expect(refused.message).toContain(message);
  });
});
