import { REFERRAL_STATUSES } from '@careloop/contracts';
import { awaitsBooking } from './awaiting-statuses';

describe('referrals awaiting booking', () => {
  it('are those sent, accepted, missed or with an unknown outcome', () => {
    expect(REFERRAL_STATUSES.filter(awaitsBooking)).toEqual([
      'sent',
      'accepted',
      'did_not_attend',
      'outcome_unknown',
    ]);
  });

  it('leave the list when booked, attended, completed, closed, or still a draft', () => {
    for (const status of ['draft', 'rejected', 'booked', 'attended', 'completed', 'closed']) {
      expect(awaitsBooking(status)).toBe(false);
    }
  });
});
