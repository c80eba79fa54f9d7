import { clockTimeSchema, isClockTime, rruleSchema } from './recurrence-schemas';

const issues = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message) ?? [];

describe('clockTimeSchema and isClockTime', () => {
  it.each(['00:00', '09:30', '23:59'])('accept %s', (time) => {
    expect(clockTimeSchema.parse(time)).toBe(time);
    expect(isClockTime(time)).toBe(true);
  });

  it.each(['24:00', '9:30', '09:60', '09:30:00', ''])('refuse %p with a message saying the form', (time) => {
    expect(issues(clockTimeSchema.safeParse(time))).toEqual(['must be a time HH:mm from 00:00 to 23:59']);
    expect(isClockTime(time)).toBe(false);
  });
});

describe('rruleSchema', () => {
  it('accepts a rule of the subset, trimmed', () => {
    expect(rruleSchema.parse('  FREQ=WEEKLY;INTERVAL=2;BYDAY=WE ')).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=WE');
  });

  it('refuses a part outside the subset with the parser’s message naming it', () => {
    expect(issues(rruleSchema.safeParse('FREQ=MONTHLY;BYMONTHDAY=1'))).toEqual([
      expect.stringMatching(/BYMONTHDAY|MONTHLY/),
    ]);
  });

  it.each(['', '   ', 'F'.repeat(301)])('refuses %p by its length', (text) => {
    expect(rruleSchema.safeParse(text).success).toBe(false);
  });
});
