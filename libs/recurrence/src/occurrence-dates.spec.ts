import { occurrenceDates, type RecurringTimes } from './occurrence-dates';
import { parseRrule } from './rrule';

const aRule = (
  rrule: string,
  overrides: Partial<Omit<RecurringTimes, 'recurrence'>> = {},
): RecurringTimes => ({
  recurrence: parseRrule(rrule),
  startTime: '09:00',
  endTime: '12:00',
  slotMinutes: 20,
  validFrom: '2026-01-01',
  validUntil: null,
  ...overrides,
});

describe('occurrence dates: which dates a rule falls on', () => {
  it('takes the weekday of validFrom for a weekly rule with no BYDAY', () => {
    expect(
      occurrenceDates(aRule('FREQ=WEEKLY', { validFrom: '2026-12-02' }), '2026-12-01', '2026-12-20'),
    ).toEqual(['2026-12-02', '2026-12-09', '2026-12-16']);
  });

  it('starts a weekly BYDAY rule at the first matching day on or after validFrom, every other week', () => {
    // validFrom is a Wednesday: that week's Thursday counts, its Monday is before validFrom.
    const rule = aRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', { validFrom: '2026-12-02' });
    expect(occurrenceDates(rule, '2026-12-01', '2026-12-31')).toEqual([
      '2026-12-03',
      '2026-12-14',
      '2026-12-17',
      '2026-12-28',
      '2026-12-31',
    ]);
  });

  it('limits a daily rule to its BYDAY weekdays and steps by INTERVAL days', () => {
    expect(
      occurrenceDates(
        aRule('FREQ=DAILY;BYDAY=MO,WE,FR', { validFrom: '2026-12-01' }),
        '2026-12-01',
        '2026-12-07',
      ),
    ).toEqual(['2026-12-02', '2026-12-04', '2026-12-07']);
    expect(
      occurrenceDates(
        aRule('FREQ=DAILY;INTERVAL=3', { validFrom: '2026-12-01' }),
        '2026-12-01',
        '2026-12-10',
      ),
    ).toEqual(['2026-12-01', '2026-12-04', '2026-12-07', '2026-12-10']);
  });

  it('counts COUNT from validFrom, however late the window starts', () => {
    const rule = aRule('FREQ=WEEKLY;BYDAY=TU;COUNT=3', { validFrom: '2026-12-01' });
    expect(occurrenceDates(rule, '2026-12-01', '2027-03-01')).toEqual([
      '2026-12-01',
      '2026-12-08',
      '2026-12-15',
    ]);
    expect(occurrenceDates(rule, '2026-12-09', '2027-03-01')).toEqual(['2026-12-15']);
  });

  it('stops at UNTIL (a date, or the session start passing an instant) and at validUntil', () => {
    const base = { validFrom: '2026-12-01' };
    expect(occurrenceDates(aRule('FREQ=DAILY;UNTIL=20261203', base), '2026-12-01', '2026-12-31')).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
    ]);
    // 09:00 on 3 December (GMT) is 09:00Z: inside an UNTIL of 09:00Z, outside one of 08:59Z.
    expect(
      occurrenceDates(aRule('FREQ=DAILY;UNTIL=20261203T090000Z', base), '2026-12-01', '2026-12-31'),
    ).toHaveLength(3);
    expect(
      occurrenceDates(aRule('FREQ=DAILY;UNTIL=20261203T085900Z', base), '2026-12-01', '2026-12-31'),
    ).toHaveLength(2);
    expect(
      occurrenceDates(aRule('FREQ=DAILY', { ...base, validUntil: '2026-12-02' }), '2026-12-01', '2026-12-31'),
    ).toEqual(['2026-12-01', '2026-12-02']);
  });
});
