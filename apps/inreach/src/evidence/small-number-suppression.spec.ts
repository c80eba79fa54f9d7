import { suppressedCounts, type PeopleCounts } from './small-number-suppression';

const nothingSmall: PeopleCounts = {
  bookedSeats: 20,
  attended: 15,
  didNotAttend: 5,
  walkIns: 6,
  seenWithKnownReferral: 21,
};
const suppressed = (overrides: Partial<PeopleCounts>) =>
  [...suppressedCounts({ ...nothingSmall, ...overrides })].sort();

describe('which counts of people an export suppresses', () => {
  it('suppresses nothing when no count is 1 to 4 (0 is shown)', () => {
    expect(suppressed({})).toEqual([]);
    expect(suppressed({ didNotAttend: 0, bookedSeats: 15 })).toEqual([]);
  });

  it('suppresses seen when walk-ins are small: attended 5, walk-ins 4, seen 9 would give the 4 away', () => {
    expect(suppressed({ attended: 5, walkIns: 4, seenWithKnownReferral: 9 })).toEqual([
      'seenWithKnownReferral',
      'walkIns',
    ]);
  });

  it('suppresses booked seats when did-not-attend is small: booked minus attended would give it away', () => {
    expect(suppressed({ bookedSeats: 18, attended: 15, didNotAttend: 3 })).toEqual([
      'bookedSeats',
      'didNotAttend',
    ]);
  });

  it('suppresses both totals when attended, a part of each, is small', () => {
    expect(suppressed({ bookedSeats: 8, attended: 3, seenWithKnownReferral: 9 })).toEqual([
      'attended',
      'bookedSeats',
      'seenWithKnownReferral',
    ]);
  });

  it('needs nothing more for a small total: its parts shown cannot be summed to it', () => {
    expect(suppressed({ seenWithKnownReferral: 2 })).toEqual(['seenWithKnownReferral']);
  });
});
