import { evidenceFigures, median, percentOf } from './evidence-figures';
import type { EvidenceCounts } from './evidence.dto';

const counts: EvidenceCounts = {
  sessionsHeld: 2,
  sessionsCancelled: 1,
  bookableSeats: 18,
  bookedSeats: 12,
  attended: 8,
  didNotAttend: 3,
  walkIns: 2,
  daysReferralToSeen: [30, 9, 14],
};

describe('evidence figures', () => {
  it('works out utilisation, and attendance and DNA rates over the outcomes attended or not', () => {
    expect(evidenceFigures(counts)).toEqual({
      sessionsHeld: 2,
      sessionsCancelled: 1,
      bookableSeats: 18,
      bookedSeats: 12,
      attended: 8,
      didNotAttend: 3,
      walkIns: 2,
      utilisationPercent: 66.7,
      attendanceRatePercent: 72.7,
      dnaRatePercent: 27.3,
      seenWithKnownReferral: 3,
      medianDaysReferralToSeen: 14,
    });
  });

  it('gives no rate, rather than 0 %, when nothing was bookable, recorded or seen', () => {
    expect(
      evidenceFigures({
        ...counts,
        bookableSeats: 0,
        bookedSeats: 0,
        attended: 0,
        didNotAttend: 0,
        daysReferralToSeen: [],
      }),
    ).toMatchObject({
      utilisationPercent: null,
      attendanceRatePercent: null,
      dnaRatePercent: null,
      seenWithKnownReferral: 0,
      medianDaysReferralToSeen: null,
    });
  });
});

describe('percentOf', () => {
  it('rounds to one decimal place', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(5, 5)).toBe(100);
    expect(percentOf(0, 7)).toBe(0);
  });
});

describe('median', () => {
  it('is the middle value of an odd count, whatever the order', () => {
    expect(median([21, 3, 8])).toBe(8);
  });

  it('is the mean of the middle two of an even count', () => {
    expect(median([10, 1, 4, 7])).toBe(5.5);
  });

  it('is null for no values', () => {
    expect(median([])).toBeNull();
  });
});
