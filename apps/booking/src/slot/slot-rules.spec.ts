import { searchWindow, slotsNotInFuture } from './slot-rules';

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

  it('searches from now, never the past, for the default span or up to the cap', () => {
    expect(searchWindow(now, '2026-11-01T00:00:00Z', undefined, 28, 92)).toEqual({
      from: now,
      to: new Date('2026-12-28T10:00:00Z'),
    });
    expect(searchWindow(now, undefined, '2027-12-31T00:00:00Z', 28, 92).to).toEqual(
      new Date('2027-03-02T10:00:00Z'),
    );
    expect(searchWindow(now, '2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z', 28, 92)).toEqual({
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2026-12-02T00:00:00Z'),
    });
  });
});
