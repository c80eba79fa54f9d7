import {
  extentOf,
  firstOverlap,
  inBatches,
  longerThanDays,
  overlapsWithin,
  searchWindow,
  slotsNotInFuture,
} from './slot-rules';

const now = new Date('2026-11-30T10:00:00Z');

describe('slot rules', () => {
  it('names the slots that do not start after now', () => {
    const slots = [
      { startsAt: '2026-11-30T10:00:01Z' },
      { startsAt: '2026-11-30T10:00:00Z' },
      { startsAt: '2026-11-29T09:00:00Z' },
    ];
    expect(slotsNotInFuture(slots, now)).toEqual([1, 2]);
  });

  it('searches from now, never the past, to `to` as asked or for the default span', () => {
    expect(searchWindow(now, '2026-11-01T00:00:00Z', undefined, 28)).toEqual({
      from: now,
      to: new Date('2026-12-28T10:00:00Z'),
    });
    // A `to` far away is kept as asked: the caller refuses it rather than searching a shorter window.
    expect(searchWindow(now, undefined, '2027-12-31T00:00:00Z', 28).to).toEqual(
      new Date('2027-12-31T00:00:00Z'),
    );
    expect(searchWindow(now, '2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z', 28)).toEqual({
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2026-12-02T00:00:00Z'),
    });
  });

  it('measures a window in London days: 92 days after a winter morning is the same wall-clock time', () => {
    const from = new Date('2026-01-10T09:00:00Z'); // GMT
    // 12 April 2026 09:00 BST is 08:00Z: exactly 92 London days later, one hour short of 92 * 24 hours.
    expect(longerThanDays({ from, to: new Date('2026-04-12T08:00:00Z') }, 92)).toBe(false);
    expect(longerThanDays({ from, to: new Date('2026-04-12T08:00:01Z') }, 92)).toBe(true);
  });
});

describe('slot time spans', () => {
  const span = (from: string, to: string, reason = '') => ({
    startsAt: new Date(`2026-12-25T${from}:00Z`),
    endsAt: new Date(`2026-12-25T${to}:00Z`),
    reason,
  });
  const holiday = [span('00:00', '09:00', 'morning off'), span('12:00', '13:00', 'lunch training')];

  it('finds the exception a slot shares time with; touching at an end is not sharing', () => {
    expect(firstOverlap(span('08:40', '09:00'), holiday)?.reason).toBe('morning off');
    expect(firstOverlap(span('11:50', '12:10'), holiday)?.reason).toBe('lunch training');
    expect(firstOverlap(span('09:00', '09:20'), holiday)).toBeUndefined();
    expect(firstOverlap(span('11:40', '12:00'), holiday)).toBeUndefined();
  });

  it('names each slot of a request that overlaps another with one it overlaps; touching ends are fine', () => {
    expect(
      overlapsWithin([
        span('09:20', '09:40'),
        span('09:30', '09:50'),
        span('09:00', '09:20'),
        span('08:00', '12:00'),
        span('13:00', '13:20'),
        span('13:00', '13:20'),
      ]),
    ).toEqual([
      { index: 0, overlapsIndex: 3 },
      { index: 1, overlapsIndex: 3 },
      { index: 2, overlapsIndex: 3 },
      { index: 5, overlapsIndex: 4 },
    ]);
    expect(overlapsWithin([span('09:00', '09:20'), span('09:20', '09:40'), span('08:40', '09:00')])).toEqual(
      [],
    );
  });

  it('spans several slots from the earliest start to the latest end', () => {
    expect(extentOf([span('10:00', '10:20'), span('08:00', '08:20'), span('09:00', '11:00')])).toEqual({
      startsAt: new Date('2026-12-25T08:00:00Z'),
      endsAt: new Date('2026-12-25T11:00:00Z'),
    });
  });

  it('splits a long list into batches of at most the given size, in order', () => {
    expect(inBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(inBatches([], 2)).toEqual([]);
  });
});
