import { formatInLondon, londonToInstant, toLondonWallClock } from './london';

describe('londonToInstant', () => {
  it.each([
    ['2026-01-15', '09:00', '2026-01-15T09:00:00.000Z'], // GMT: London = UTC
    ['2026-07-01', '09:00', '2026-07-01T08:00:00.000Z'], // BST: London = UTC+1
    ['2026-03-29', '00:59', '2026-03-29T00:59:00.000Z'], // last minute of GMT before the change
    ['2026-03-29', '02:00', '2026-03-29T01:00:00.000Z'], // first BST wall-clock minute
    ['2026-10-25', '00:30', '2026-10-24T23:30:00.000Z'], // still BST before the repeat
    ['2026-10-25', '02:00', '2026-10-25T02:00:00.000Z'], // back on GMT after the repeat
  ])('converts %s %s to %s', (date, time, expected) => {
    expect(londonToInstant(date, time).toISOString()).toBe(expected);
  });

  it('moves a time in the spring-forward gap forward by the gap (01:30 -> 02:30 BST)', () => {
    expect(londonToInstant('2026-03-29', '01:00').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(londonToInstant('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(formatInLondon(londonToInstant('2026-03-29', '01:30'))).toBe('2026-03-29T02:30:00+01:00');
  });

  it('picks the earlier (BST) occurrence of a time repeated in the autumn overlap', () => {
    expect(londonToInstant('2026-10-25', '01:00').toISOString()).toBe('2026-10-25T00:00:00.000Z');
    expect(londonToInstant('2026-10-25', '01:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(londonToInstant('2026-10-25', '01:59:59').toISOString()).toBe('2026-10-25T00:59:59.000Z');
  });

  it('keeps a daily 09:00 at 09:00 London across both changes, so the UTC hour shifts', () => {
    const days = ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26'];
    expect(days.map((day) => londonToInstant(day, '09:00').toISOString().slice(11, 16))).toEqual([
      '09:00',
      '08:00',
      '08:00',
      '08:00',
      '09:00',
      '09:00',
    ]);
  });

  it.each([
    ['2026-02-30', '10:00'],
    ['2026-01-01', '24:30'],
    ['01/01/2026', '10:00'],
    ['2026-01-01', '9am'],
  ])('rejects %s %s', (date, time) => {
    expect(() => londonToInstant(date, time)).toThrow(RangeError);
  });
});

describe('formatInLondon and toLondonWallClock', () => {
  it('shows both 01:30 readings of the autumn overlap with their distinct offsets', () => {
    expect(formatInLondon(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25T01:30:00+01:00');
    expect(formatInLondon(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25T01:30:00+00:00');
  });

  it('jumps from 00:59 GMT to 02:00 BST one minute later in spring', () => {
    expect(toLondonWallClock(new Date('2026-03-29T00:59:00Z'))).toEqual({
      date: '2026-03-29',
      time: '00:59:00',
      offsetMinutes: 0,
    });
    expect(toLondonWallClock(new Date('2026-03-29T01:00:00Z'))).toEqual({
      date: '2026-03-29',
      time: '02:00:00',
      offsetMinutes: 60,
    });
  });

  it('puts an instant late in the UTC evening on the next London day in summer', () => {
    expect(toLondonWallClock(new Date('2026-07-01T23:30:00Z')).date).toBe('2026-07-02');
    expect(formatInLondon(new Date('2026-07-01T23:30:00Z'), 'dd/MM/yyyy HH:mm')).toBe('02/07/2026 00:30');
  });

  it('round-trips every unambiguous wall-clock time it produced', () => {
    const start = Date.parse('2026-10-24T22:00:00Z');
    for (let minute = 0; minute < 6 * 60; minute += 15) {
      const instant = new Date(start + minute * 60_000);
      const { date, time } = toLondonWallClock(instant);
      const back = londonToInstant(date, time);
      const isSecondPassOfOverlap =
        instant.toISOString() >= '2026-10-25T01:00' && instant.toISOString() < '2026-10-25T02:00';
      expect(back.getTime()).toBe(isSecondPassOfOverlap ? instant.getTime() - 3_600_000 : instant.getTime());
    }
  });
});
