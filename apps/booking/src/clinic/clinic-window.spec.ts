import { clinicWindow, londonDayOf } from './clinic-window';

describe("a clinic list's window", () => {
  it('defaults to the London day, midnight to midnight local time', () => {
    expect(londonDayOf(new Date('2026-07-01T23:30:00Z'))).toEqual({
      from: new Date('2026-07-01T23:00:00Z'),
      to: new Date('2026-07-02T23:00:00Z'),
    });
    expect(clinicWindow(new Date('2026-12-03T10:00:00Z'), undefined, undefined)).toEqual({
      from: new Date('2026-12-03T00:00:00Z'),
      to: new Date('2026-12-04T00:00:00Z'),
    });
  });

  it('is 23 hours long on the day the clocks go forward and 25 on the day they go back', () => {
    const spring = londonDayOf(new Date('2026-03-29T12:00:00Z'));
    const autumn = londonDayOf(new Date('2026-10-25T12:00:00Z'));
    expect((spring.to.getTime() - spring.from.getTime()) / 3_600_000).toBe(23);
    expect((autumn.to.getTime() - autumn.from.getTime()) / 3_600_000).toBe(25);
  });

  it('takes a day from an open start or end, and never more than 31 days', () => {
    const now = new Date('2026-12-03T10:00:00Z');
    expect(clinicWindow(now, '2026-12-10T00:00:00Z', undefined)).toEqual({
      from: new Date('2026-12-10T00:00:00Z'),
      to: new Date('2026-12-11T00:00:00Z'),
    });
    expect(clinicWindow(now, undefined, '2026-12-10T00:00:00Z')).toEqual({
      from: new Date('2026-12-09T00:00:00Z'),
      to: new Date('2026-12-10T00:00:00Z'),
    });
    expect(clinicWindow(now, '2026-12-01T00:00:00Z', '2027-03-01T00:00:00Z').to).toEqual(
      new Date('2027-01-01T00:00:00Z'),
    );
  });
});
