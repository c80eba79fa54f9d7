import { ATTENDANCE_OUTCOMES } from '@careloop/contracts';
import { appointmentStatusFor, attendanceAction } from './appointment-outcome';

describe('booking attendance outcomes for a referral', () => {
  it.each([
    ['attended', 'attended'],
    ['did_not_attend', 'did-not-attend'],
    ['cancelled_late', 'did-not-attend'],
    ['left_before_seen', 'did-not-attend'],
  ] as const)('%s moves the referral by "%s"', (outcome, action) => {
    expect(attendanceAction(outcome, 'a-1')).toEqual({ type: action, appointmentId: 'a-1' });
  });

  it('keeps the precise outcome on the appointment', () => {
    for (const outcome of ATTENDANCE_OUTCOMES) expect(appointmentStatusFor(outcome)).toBe(outcome);
  });
});
