import { earliestRecordingOf } from './attendance-rules';

describe('when an attendance outcome can be recorded', () => {
  const startsAt = new Date('2026-12-03T09:00:00Z');

  it.each(['attended', 'did_not_attend', 'left_before_seen'] as const)(
    '%s: from the start of the appointment',
    (outcome) => {
      expect(earliestRecordingOf(outcome, startsAt)).toEqual(startsAt);
    },
  );

  it('cancelled_late: from 48 hours before the start', () => {
    expect(earliestRecordingOf('cancelled_late', startsAt)).toEqual(new Date('2026-12-01T09:00:00Z'));
  });
});
