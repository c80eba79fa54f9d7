import {
  attendanceDayOf,
  highRiskReasons,
  historySince,
  isMoreThan7DaysAway,
  londonWeekday,
  rankSlots,
} from './slot-ranking';

const noFlags = { noFixedAbode: false, recentlyReleasedFromPrison: false };
const tuesdays = [{ day: 'tue' as const, from: '09:00', to: '12:00' }];

describe('London weekdays', () => {
  it('a slot at 00:30 London on a Tuesday in BST is a Tuesday, though it is Monday 23:30 UTC', () => {
    expect(londonWeekday(new Date('2026-06-01T23:30:00Z'))).toBe('tue');
    expect(attendanceDayOf(new Date('2026-06-01T23:30:00Z'), tuesdays)).toBe('same_day');
  });

  it('in winter London is UTC: Monday 23:30 UTC is still Monday', () => {
    expect(londonWeekday(new Date('2026-11-30T23:30:00Z'))).toBe('mon');
    expect(attendanceDayOf(new Date('2026-11-30T23:30:00Z'), tuesdays)).toBe('adjacent_day');
  });
});

describe('attendance day', () => {
  it('same day, the day before or after, or neither', () => {
    expect(attendanceDayOf(new Date('2026-12-01T10:00:00Z'), tuesdays)).toBe('same_day'); // Tue
    expect(attendanceDayOf(new Date('2026-11-30T10:00:00Z'), tuesdays)).toBe('adjacent_day'); // Mon
    expect(attendanceDayOf(new Date('2026-12-02T10:00:00Z'), tuesdays)).toBe('adjacent_day'); // Wed
    expect(attendanceDayOf(new Date('2026-12-03T10:00:00Z'), tuesdays)).toBeNull(); // Thu
    expect(attendanceDayOf(new Date('2026-12-03T10:00:00Z'), [])).toBeNull();
  });

  it('wraps round the week: Saturday and Monday are next to Sunday; same day wins over adjacent', () => {
    const sundays = [{ day: 'sun' as const, from: '10:00', to: '12:00' }];
    expect(attendanceDayOf(new Date('2026-12-05T10:00:00Z'), sundays)).toBe('adjacent_day'); // Sat
    expect(attendanceDayOf(new Date('2026-12-07T10:00:00Z'), sundays)).toBe('adjacent_day'); // Mon
    const monAndTue = [...tuesdays, { day: 'mon' as const, from: '09:00', to: '10:00' }];
    expect(attendanceDayOf(new Date('2026-11-30T10:00:00Z'), monAndTue)).toBe('same_day');
  });
});

describe('lead time', () => {
  const now = new Date('2026-11-30T10:00:00Z');

  it('warns beyond 7 days from now, not at or before', () => {
    expect(isMoreThan7DaysAway(new Date('2026-12-07T10:00:00Z'), now)).toBe(false);
    expect(isMoreThan7DaysAway(new Date('2026-12-07T10:01:00Z'), now)).toBe(true);
  });

  it('counts London days across the clock change: 7 days from 10:00 GMT is 10:00 BST', () => {
    const beforeSpring = new Date('2026-03-25T10:00:00Z');
    // 09:30 UTC on 1 April is 10:30 BST: past 10:00 London a week on, though within 168 hours.
    expect(isMoreThan7DaysAway(new Date('2026-04-01T09:30:00Z'), beforeSpring)).toBe(true);
    expect(isMoreThan7DaysAway(new Date('2026-04-01T08:30:00Z'), beforeSpring)).toBe(false);
  });

  it('looks back 12 London calendar months for attendance history', () => {
    expect(historySince(now)).toEqual(new Date('2025-11-30T10:00:00Z'));
  });
});

describe('high risk of non-attendance', () => {
  it('none without a missed outcome or flag', () => {
    expect(highRiskReasons([], noFlags)).toEqual([]);
  });

  it('names every reason once, in a fixed order', () => {
    expect(
      highRiskReasons(['outcome_overdue', 'did_not_attend', 'did_not_attend'], {
        noFixedAbode: true,
        recentlyReleasedFromPrison: true,
      }),
    ).toEqual([
      'did_not_attend_in_last_12_months',
      'outcome_unknown_in_last_12_months',
      'no_fixed_abode',
      'recently_released_from_prison',
    ]);
    expect(highRiskReasons(['cancelled_late', 'left_before_seen'], noFlags)).toEqual([
      'cancelled_late_in_last_12_months',
      'left_before_seen_in_last_12_months',
    ]);
  });
});

describe('ranking slots', () => {
  const now = new Date('2026-11-30T10:00:00Z'); // Monday
  const slot = (id: string, startsAt: string) => ({ id, startsAt });
  const slots = [
    slot('thu-soon', '2026-12-03T10:00:00Z'),
    slot('tue-later', '2026-12-08T10:00:00Z'),
    slot('mon-soon', '2026-11-30T14:00:00Z'),
    slot('tue-soon', '2026-12-01T10:00:00Z'),
    slot('wed-later', '2026-12-09T10:00:00Z'),
    slot('fri-later', '2026-12-11T10:00:00Z'),
  ];
  const ids = (ranked: { id: string }[]) => ranked.map((s) => s.id);

  it('without a client: soonest first, no attendance day, a warning on slots more than 7 days away', () => {
    const ranked = rankSlots(slots, now, null);
    expect(ids(ranked)).toEqual(['mon-soon', 'tue-soon', 'thu-soon', 'tue-later', 'wed-later', 'fri-later']);
    expect(ranked.every((s) => s.attendanceDay === null)).toBe(true);
    expect(ranked.map((s) => s.warnings.length)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(ranked[3]!.warnings).toEqual(['more_than_7_days_away']);
  });

  it('for a client who comes in on Tuesdays: same day, then adjacent, then the rest, each by start', () => {
    const ranked = rankSlots(slots, now, { attendancePattern: tuesdays, highRiskOfNonAttendance: false });
    expect(ids(ranked)).toEqual(['tue-soon', 'tue-later', 'mon-soon', 'wed-later', 'thu-soon', 'fri-later']);
    expect(ranked.map((s) => s.attendanceDay)).toEqual([
      'same_day',
      'same_day',
      'adjacent_day',
      'adjacent_day',
      null,
      null,
    ]);
  });

  it('for a high-risk client the next 7 days come first, then the later slots, each ordered by day', () => {
    const ranked = rankSlots(slots, now, { attendancePattern: tuesdays, highRiskOfNonAttendance: true });
    expect(ids(ranked)).toEqual(['tue-soon', 'mon-soon', 'thu-soon', 'tue-later', 'wed-later', 'fri-later']);
    expect(ranked.filter((s) => s.warnings.length > 0).map((s) => s.id)).toEqual([
      'tue-later',
      'wed-later',
      'fri-later',
    ]);
  });
});
