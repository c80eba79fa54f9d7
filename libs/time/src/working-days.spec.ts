import {
  BANK_HOLIDAYS_KNOWN_UNTIL,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  addWorkingDays,
  endOfWorkingDay,
  isWorkingDay,
} from './working-days';

const due = (from: string, ahead: number) => endOfWorkingDay(new Date(from), ahead).toISOString();

describe('endOfWorkingDay', () => {
  it('is 17:00 London on the next working day, skipping the weekend', () => {
    expect(due('2026-11-02T10:00:00Z', 1)).toBe('2026-11-03T17:00:00.000Z'); // Mon -> Tue
    expect(due('2026-11-06T10:00:00Z', 1)).toBe('2026-11-09T17:00:00.000Z'); // Fri -> Mon
    expect(due('2026-11-07T10:00:00Z', 1)).toBe('2026-11-09T17:00:00.000Z'); // Sat -> Mon
    expect(due('2026-11-08T22:00:00Z', 1)).toBe('2026-11-09T17:00:00.000Z'); // Sun -> Mon
    expect(due('2026-11-05T10:00:00Z', 2)).toBe('2026-11-09T17:00:00.000Z'); // Thu + 2 -> Mon
  });

  it('with 0 days is today before 17:00 on a working day, else the next working day', () => {
    expect(due('2026-11-02T09:00:00Z', 0)).toBe('2026-11-02T17:00:00.000Z');
    expect(due('2026-11-02T16:59:59Z', 0)).toBe('2026-11-02T17:00:00.000Z');
    expect(due('2026-11-02T17:00:00Z', 0)).toBe('2026-11-03T17:00:00.000Z');
    expect(due('2026-11-06T18:00:00Z', 0)).toBe('2026-11-09T17:00:00.000Z'); // Fri evening -> Mon
    expect(due('2026-11-07T09:00:00Z', 0)).toBe('2026-11-09T17:00:00.000Z'); // Saturday -> Mon
    expect(due('2026-12-25T09:00:00Z', 0)).toBe('2026-12-29T17:00:00.000Z'); // Christmas -> Tue 29th
  });

  it('steps over England and Wales bank holidays, substitute days included', () => {
    // Thu 24 Dec 2026: Christmas (Fri), the weekend, Boxing Day's substitute (Mon 28th).
    expect(due('2026-12-24T10:00:00Z', 1)).toBe('2026-12-29T17:00:00.000Z');
    expect(due('2026-12-24T10:00:00Z', 2)).toBe('2026-12-30T17:00:00.000Z');
    // Easter 2026: Good Friday 3 April and Easter Monday 6 April (BST, so 16:00 UTC).
    expect(due('2026-04-02T10:00:00Z', 1)).toBe('2026-04-07T16:00:00.000Z');
    // Christmas 2027 falls at the weekend: Monday 27th and Tuesday 28th are the holidays.
    expect(due('2027-12-24T10:00:00Z', 1)).toBe('2027-12-29T17:00:00.000Z');
    // New Year's Day 2028 is a Saturday: Monday 3 January is the holiday.
    expect(due('2027-12-31T10:00:00Z', 1)).toBe('2028-01-04T17:00:00.000Z');
    // Early May and spring bank holidays 2025.
    expect(due('2025-05-02T10:00:00Z', 1)).toBe('2025-05-06T16:00:00.000Z');
    expect(due('2025-05-23T10:00:00Z', 1)).toBe('2025-05-27T16:00:00.000Z');
  });

  it('stays 17:00 on London clocks across the spring and autumn changes', () => {
    // Fri 27 March 2026 is GMT; Mon 30 March is BST: 17:00 London = 16:00 UTC.
    expect(due('2026-03-27T12:00:00Z', 1)).toBe('2026-03-30T16:00:00.000Z');
    // Sunday 29 March, the day the clocks go forward.
    expect(due('2026-03-29T01:30:00Z', 0)).toBe('2026-03-30T16:00:00.000Z');
    // Fri 23 October 2026 is BST; Mon 26 October is GMT: 17:00 London = 17:00 UTC.
    expect(due('2026-10-23T12:00:00Z', 1)).toBe('2026-10-26T17:00:00.000Z');
    // Sunday 25 October, the day the clocks go back, in the repeated hour.
    expect(due('2026-10-25T01:30:00Z', 0)).toBe('2026-10-26T17:00:00.000Z');
    // Friday 16:30 BST is 15:30 UTC: still before 17:00 London, so today.
    expect(due('2026-10-23T15:30:00Z', 0)).toBe('2026-10-23T16:00:00.000Z');
    // Friday 17:30 BST is 16:30 UTC: after 17:00 London, so Monday (now GMT).
    expect(due('2026-10-23T16:30:00Z', 0)).toBe('2026-10-26T17:00:00.000Z');
  });

  it('counts from the London date, not the UTC one', () => {
    // 23:30 UTC on Thursday 2 July is 00:30 on Friday 3 July in London.
    expect(due('2026-07-02T23:30:00Z', 0)).toBe('2026-07-03T16:00:00.000Z');
    expect(due('2026-07-02T23:30:00Z', 1)).toBe('2026-07-06T16:00:00.000Z');
    // 23:30 UTC on Friday 3 July is Saturday in London.
    expect(due('2026-07-03T23:30:00Z', 0)).toBe('2026-07-06T16:00:00.000Z');
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => endOfWorkingDay(new Date('2026-11-02T10:00:00Z'), -1)).toThrow(RangeError);
    expect(() => endOfWorkingDay(new Date('2026-11-02T10:00:00Z'), 1.5)).toThrow(RangeError);
  });

  it('counts Monday to Friday in a year the holiday list does not cover yet', () => {
    expect(BANK_HOLIDAYS_KNOWN_UNTIL).toBe(2028);
    expect(due('2029-12-24T10:00:00Z', 1)).toBe('2029-12-25T17:00:00.000Z');
  });
});

describe('the bank holiday list', () => {
  const holidays = [...ENGLAND_AND_WALES_BANK_HOLIDAYS];

  it('has the eight England and Wales holidays of each year it covers, each on a weekday', () => {
    for (let year = 2025; year <= BANK_HOLIDAYS_KNOWN_UNTIL; year++) {
      expect(holidays.filter((d) => d.startsWith(`${year}-`))).toHaveLength(8);
    }
    for (const day of holidays) {
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
      expect([day, weekday >= 1 && weekday <= 5]).toEqual([day, true]);
    }
  });

  it('makes those days, and weekends, not working days', () => {
    expect(isWorkingDay('2026-12-28')).toBe(false);
    expect(isWorkingDay('2026-12-29')).toBe(true);
    expect(isWorkingDay('2026-11-07')).toBe(false);
    expect(addWorkingDays('2026-12-24', 3)).toBe('2026-12-31');
    expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError);
  });
});
