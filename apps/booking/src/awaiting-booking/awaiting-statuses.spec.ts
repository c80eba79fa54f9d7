import { REFERRAL_STATUSES } from '@careloop/contracts';
import { awaitsBooking, waitsOnWaitingList } from './awaiting-statuses';

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

describe('referrals waiting on an in-reach waiting list', () => {
  it('are only those sent or accepted: a missed appointment is rebooked by the keyworker, not offered', () => {
    expect(REFERRAL_STATUSES.filter(waitsOnWaitingList)).toEqual(['sent', 'accepted']);
  });
});
