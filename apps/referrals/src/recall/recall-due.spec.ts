import { daysBetween, londonToday, nextDueOn, recallDue } from './recall-due';

describe('recall due dates', () => {
  describe('nextDueOn: calendar months on a London calendar', () => {
    it.each([
      ['2026-03-29', 12, '2027-03-29', 'done on the day the clocks went forward'],
      ['2026-10-25', 12, '2027-10-25', 'done on the day the clocks went back'],
      ['2026-03-28', 1, '2026-04-28', 'across the spring change'],
      ['2026-10-01', 1, '2026-11-01', 'across the autumn change'],
      ['2026-01-31', 1, '2026-02-28', '31 January plus a month ends February'],
      ['2028-01-31', 1, '2028-02-29', 'in a leap year'],
      ['2024-02-29', 12, '2025-02-28', 'a leap day plus a year'],
      ['2026-08-31', 6, '2027-02-28', 'six months from the end of August'],
      ['2026-05-31', 1, '2026-06-30', '31 May plus a month'],
      ['2026-12-15', 3, '2027-03-15', 'across a year end'],
      ['2026-06-01', 24, '2028-06-01', 'two years'],
    ])('%s + %i months = %s (%s)', (doneOn, months, expected) => {
      expect(nextDueOn(doneOn, months)).toBe(expected);
    });

    it('refuses nonsense', () => {
      expect(() => nextDueOn('2026-02-30', 12)).toThrow(RangeError);
      expect(() => nextDueOn('2026-01-01', 0)).toThrow(RangeError);
      expect(() => nextDueOn('2026-01-01', 1.5)).toThrow(RangeError);
    });
  });

  describe('londonToday', () => {
    it.each([
      ['2026-06-30T22:59:59Z', '2026-06-30', 'BST, before London midnight'],
      ['2026-06-30T23:00:00Z', '2026-07-01', 'BST, London midnight'],
      ['2026-01-31T23:59:59Z', '2026-01-31', 'GMT, London is UTC'],
      ['2026-03-29T00:30:00Z', '2026-03-29', 'just before the clocks go forward'],
      ['2026-03-28T23:30:00Z', '2026-03-28', 'the night before the spring change'],
      ['2026-10-24T23:30:00Z', '2026-10-25', 'the night of the autumn change (still BST)'],
    ])('%s is %s in London (%s)', (instant, expected) => {
      expect(londonToday(new Date(instant))).toBe(expected);
    });
  });

  it('counts whole calendar days across clock changes', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
  });

  describe('recallDue: overdue, due soon, not due', () => {
    const check = (lastDoneOn: string | null, today: string, dueSoonDays = 30, since?: string | null) =>
      recallDue({ lastDoneOn, intervalMonths: 12, today, dueSoonDays, since });

    it.each([
      ['2025-03-29', '2026-03-28', 'due_soon', 1, 'the day before'],
      ['2025-03-29', '2026-03-29', 'due_soon', 0, 'on the due date'],
      ['2025-03-29', '2026-03-30', 'overdue', -1, 'the day after'],
      ['2025-03-29', '2026-02-27', 'due_soon', 30, 'exactly the due-soon window away'],
      ['2025-03-29', '2026-02-26', 'not_due', 31, 'a day before the window opens'],
      ['2025-10-25', '2026-10-26', 'overdue', -1, 'the day after, across the autumn change'],
    ])('done %s, today %s: %s (%i days)', (lastDoneOn, today, status, days) => {
      expect(check(lastDoneOn, today)).toEqual({
        status,
        dueOn: lastDoneOn.replace(/^\d{4}/, (y) => String(Number(y) + 1)),
        daysUntilDue: days,
      });
    });

    it('lets the organisation choose the due-soon window', () => {
      expect(check('2025-06-01', '2026-05-25', 7).status).toBe('due_soon');
      expect(check('2025-06-01', '2026-05-24', 7).status).toBe('not_due');
      expect(check('2025-06-01', '2026-06-01', 0).status).toBe('due_soon');
    });

    it('treats a month-end check as due at the end of the shorter month', () => {
      const due = recallDue({
        lastDoneOn: '2026-01-31',
        intervalMonths: 1,
        today: '2026-03-01',
        dueSoonDays: 30,
      });
      expect(due).toEqual({ status: 'overdue', dueOn: '2026-02-28', daysUntilDue: -1 });
    });

    it('treats a check never done as overdue, since the client was first seen when known', () => {
      expect(check(null, '2026-05-01')).toEqual({ status: 'overdue', dueOn: null, daysUntilDue: null });
      expect(check(null, '2026-05-01', 30, '2026-04-01')).toEqual({
        status: 'overdue',
        dueOn: '2026-04-01',
        daysUntilDue: -30,
      });
    });
  });
});
