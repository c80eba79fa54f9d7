import { daysInPeriod, previousCalendarMonth, reportPeriod } from './report-period';

describe('the report period', () => {
  it('runs from London midnight to London midnight across the October clock change (a 25-hour day)', () => {
    expect(reportPeriod({ from: '2026-10-01', to: '2026-10-31' }, new Date())).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
      startsAt: new Date('2026-09-30T23:00:00Z'), // 00:00 BST
      endsBefore: new Date('2026-11-01T00:00:00Z'), // 00:00 GMT
    });
    const changeDay = reportPeriod({ from: '2026-10-25', to: '2026-10-25' }, new Date());
    expect([changeDay.startsAt, changeDay.endsBefore]).toEqual([
      new Date('2026-10-24T23:00:00Z'),
      new Date('2026-10-26T00:00:00Z'),
    ]);
  });

  it('and across the March one (a 23-hour day)', () => {
    const changeDay = reportPeriod({ from: '2026-03-29', to: '2026-03-29' }, new Date());
    expect([changeDay.startsAt, changeDay.endsBefore]).toEqual([
      new Date('2026-03-29T00:00:00Z'),
      new Date('2026-03-29T23:00:00Z'),
    ]);
  });

  it('is the previous calendar month in London when no days are given', () => {
    const at = (now: string) => reportPeriod({}, new Date(now));
    expect(at('2026-11-05T09:00:00Z')).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
      startsAt: new Date('2026-09-30T23:00:00Z'),
      endsBefore: new Date('2026-11-01T00:00:00Z'),
    });
    // 00:30 on 1 November in London (GMT): November already, so October.
    expect(at('2026-11-01T00:30:00Z')).toMatchObject({ from: '2026-10-01', to: '2026-10-31' });
    // 23:30 on 31 October in London: still October, so September.
    expect(at('2026-10-31T23:30:00Z')).toMatchObject({ from: '2026-09-01', to: '2026-09-30' });
    // 00:30 BST on 1 April is 23:30 UTC on 31 March: April in London, so March.
    expect(at('2026-03-31T23:30:00Z')).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
  });

  it('knows month lengths, leap years and the turn of the year', () => {
    expect(previousCalendarMonth(new Date('2027-01-10T12:00:00Z'))).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(previousCalendarMonth(new Date('2028-03-10T12:00:00Z'))).toEqual({
      from: '2028-02-01',
      to: '2028-02-29',
    });
    expect(previousCalendarMonth(new Date('2026-03-10T12:00:00Z'))).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
  });

  it('counts its days with both ends included', () => {
    expect(daysInPeriod('2026-10-01', '2026-10-01')).toBe(1);
    expect(daysInPeriod('2026-10-01', '2026-10-31')).toBe(31);
    expect(daysInPeriod('2028-01-01', '2028-12-31')).toBe(366);
    expect(daysInPeriod('2026-10-02', '2026-10-01')).toBe(0);
    expect(daysInPeriod('2026-13-01', '2026-10-01')).toBeNaN();
  });
});
