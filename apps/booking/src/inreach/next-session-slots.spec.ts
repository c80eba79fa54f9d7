import type { AttendanceWindow } from '@careloop/contracts';
import { cascadeWindows, earliestMoveStart, inCascadeOrder } from './next-session-slots';

const slot = (id: string, startsAt: string) => ({ id, startsAt: new Date(startsAt) });
const ids = (slots: { id: string }[]) => slots.map((s) => s.id);
const TUESDAYS: AttendanceWindow[] = [{ day: 'tue', from: '09:00', to: '12:00' }];

// January 2030: Wednesday the 9th, 16th, 23rd; Tuesday the 15th, 22nd, 29th.
describe('inCascadeOrder', () => {
  it('takes the earliest slot, then the next, for a client with no usual days', () => {
    const slots = [
      slot('c', '2030-01-16T10:00:00Z'),
      slot('a', '2030-01-09T10:00:00Z'),
      slot('b', '2030-01-09T10:30:00Z'),
    ];
    expect(ids(inCascadeOrder(slots, []))).toEqual(['a', 'b', 'c']);
  });

  it('prefers a slot on the client’s usual day within 14 days of the earliest, then the rest soonest first', () => {
    const slots = [
      slot('wed-9', '2030-01-09T10:00:00Z'),
      slot('wed-16', '2030-01-16T10:00:00Z'),
      slot('tue-22', '2030-01-22T11:00:00Z'),
      slot('tue-15', '2030-01-15T10:00:00Z'),
    ];
    expect(ids(inCascadeOrder(slots, TUESDAYS))).toEqual(['tue-15', 'tue-22', 'wed-9', 'wed-16']);
  });

  it('keeps to the earliest when the client’s usual day is more than 14 days after it', () => {
    const slots = [slot('wed-9', '2030-01-09T10:00:00Z'), slot('tue-29', '2030-01-29T10:00:00Z')];
    expect(ids(inCascadeOrder(slots, TUESDAYS))).toEqual(['wed-9', 'tue-29']);
  });

  it('reads the day in London: 00:30 BST on a Tuesday is a Tuesday though UTC says Monday', () => {
    const slots = [slot('mon', '2030-07-08T10:00:00Z'), slot('tue-early', '2030-07-08T23:30:00Z')];
    expect(ids(inCascadeOrder(slots, TUESDAYS))).toEqual(['tue-early', 'mon']);
  });

  it('does not prefer the day before or after a usual day over the earliest', () => {
    const slots = [slot('thu-10', '2030-01-10T10:00:00Z'), slot('mon-14', '2030-01-14T10:00:00Z')];
    expect(ids(inCascadeOrder(slots, TUESDAYS))).toEqual(['thu-10', 'mon-14']);
  });

  it('answers nothing for no slots', () => {
    expect(inCascadeOrder([], TUESDAYS)).toEqual([]);
  });

  describe('before the original time (the fallback)', () => {
    it('takes the latest first: the nearest to when the client expected to come', () => {
      const slots = [
        slot('wed-9', '2030-01-09T10:00:00Z'),
        slot('wed-23', '2030-01-23T10:00:00Z'),
        slot('wed-16', '2030-01-16T10:00:00Z'),
      ];
      expect(ids(inCascadeOrder(slots, [], 'before'))).toEqual(['wed-23', 'wed-16', 'wed-9']);
    });

    it('prefers a usual day within 14 days before the latest, and no further back', () => {
      const slots = [
        slot('tue-1', '2030-01-01T10:00:00Z'),
        slot('tue-15', '2030-01-15T10:00:00Z'),
        slot('wed-16', '2030-01-16T10:00:00Z'),
        slot('wed-23', '2030-01-23T10:00:00Z'),
      ];
      expect(ids(inCascadeOrder(slots, TUESDAYS, 'before'))).toEqual(['tue-15', 'wed-23', 'wed-16', 'tue-1']);
    });
  });
});

describe('cascadeWindows', () => {
  const now = new Date('2030-01-08T09:15:00Z');

  it('looks at or after the original time first, and only then before it, from a day ahead', () => {
    // Booked for week 8 of a weekly session (Wednesday 27 February 2030).
    const original = new Date('2030-02-27T10:00:00Z');
    expect(cascadeWindows(original, now)).toEqual([
      { side: 'at_or_after', from: original },
      { side: 'before', from: new Date('2030-01-09T09:15:00Z'), before: original },
    ]);
  });

  it('has no earlier window when the original time is within the day’s notice', () => {
    const original = new Date('2030-01-08T15:00:00Z');
    expect(cascadeWindows(original, now)).toEqual([
      { side: 'at_or_after', from: new Date('2030-01-09T09:15:00Z') },
    ]);
  });
});

describe('earliestMoveStart', () => {
  it('gives a moved client at least 24 hours’ notice', () => {
    expect(earliestMoveStart(new Date('2030-01-08T09:15:00Z'))).toEqual(new Date('2030-01-09T09:15:00Z'));
  });
});
