import { scheduleSlotWindow } from './schedule-slot-window';

describe("the window of a clinic's list of its slots", () => {
  // 20 March 2026, 23:30 GMT: the clocks go forward on 29 March.
  const now = new Date('2026-03-20T23:30:00Z');

  it('defaults to today and the next 27 days, whole London days, across the clock change', () => {
    expect(scheduleSlotWindow(now, undefined, undefined, 28)).toEqual({
      from: new Date('2026-03-20T00:00:00Z'),
      to: new Date('2026-04-16T23:00:00Z'), // midnight BST on 17 April
    });
  });

  it('runs 28 London days from `from`, or up to `to`, when only one end is given', () => {
    expect(scheduleSlotWindow(now, '2026-03-01T09:00:00Z', undefined, 28).to).toEqual(
      new Date('2026-03-29T08:00:00Z'),
    );
    expect(scheduleSlotWindow(now, undefined, '2026-03-29T08:00:00Z', 28).from).toEqual(
      new Date('2026-03-01T09:00:00Z'),
    );
    expect(scheduleSlotWindow(now, '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', 28)).toEqual({
      from: new Date('2026-03-01T00:00:00Z'),
      to: new Date('2026-03-02T00:00:00Z'),
    });
  });
});
