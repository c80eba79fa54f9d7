import type { AttendanceWindow } from '@careloop/contracts';
import { inOfferOrder, insideUsualWindow } from './offer-slot-choice';

const slot = (id: string, startsAt: string, minutes = 30) => ({
  id,
  startsAt: new Date(startsAt),
  endsAt: new Date(Date.parse(startsAt) + minutes * 60_000),
});

const WEDNESDAY_LATE_MORNING: AttendanceWindow[] = [{ day: 'wed', from: '11:00', to: '12:30' }];

describe('choosing the slot an in-reach offer holds', () => {
  it('takes a slot as inside the usual window when it starts and ends within it, on that London weekday', () => {
    // Wednesday 9 January 2030, GMT.
    expect(insideUsualWindow(slot('a', '2030-01-09T11:00:00Z'), WEDNESDAY_LATE_MORNING)).toBe(true);
    expect(insideUsualWindow(slot('b', '2030-01-09T12:00:00Z'), WEDNESDAY_LATE_MORNING)).toBe(true);
    // Ends after the window closes, starts before it opens, or another weekday.
    expect(insideUsualWindow(slot('c', '2030-01-09T12:15:00Z'), WEDNESDAY_LATE_MORNING)).toBe(false);
    expect(insideUsualWindow(slot('d', '2030-01-09T10:45:00Z'), WEDNESDAY_LATE_MORNING)).toBe(false);
    expect(insideUsualWindow(slot('e', '2030-01-10T11:00:00Z'), WEDNESDAY_LATE_MORNING)).toBe(false);
  });

  it('reads the window in London wall-clock time, in summer too', () => {
    // Wednesday 3 July 2030: 10:00 UTC is 11:00 in London (BST).
    expect(insideUsualWindow(slot('a', '2030-07-03T10:00:00Z'), WEDNESDAY_LATE_MORNING)).toBe(true);
    expect(insideUsualWindow(slot('b', '2030-07-03T11:00:00Z'), WEDNESDAY_LATE_MORNING)).toBe(true);
    expect(insideUsualWindow(slot('c', '2030-07-03T11:15:00Z'), WEDNESDAY_LATE_MORNING)).toBe(false);
  });

  it('tries the slots inside the usual window first, earliest first, then the rest, earliest first', () => {
    const slots = [
      slot('late', '2030-01-09T11:30:00Z'),
      slot('first', '2030-01-09T10:00:00Z'),
      slot('inside', '2030-01-09T11:00:00Z'),
      slot('second', '2030-01-09T10:30:00Z'),
    ];
    expect(inOfferOrder(slots, WEDNESDAY_LATE_MORNING).map((s) => s.id)).toEqual([
      'inside',
      'late',
      'first',
      'second',
    ]);
  });

  it('gives a client with no usual window that day the earliest slot', () => {
    const slots = [slot('b', '2030-01-09T10:30:00Z'), slot('a', '2030-01-09T10:00:00Z')];
    const tuesdays: AttendanceWindow[] = [{ day: 'tue', from: '09:00', to: '17:00' }];
    expect(inOfferOrder(slots, tuesdays).map((s) => s.id)).toEqual(['a', 'b']);
    expect(inOfferOrder(slots, []).map((s) => s.id)).toEqual(['a', 'b']);
  });
});
