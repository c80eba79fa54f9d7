import { REFERRAL_STATUSES } from '@careloop/contracts';
import { entryStatusOf } from './entry-status';

describe('where a referral’s status leaves its client on the waiting list', () => {
  it('waits while the referral is sent or accepted', () => {
    expect(entryStatusOf('sent')).toBe('waiting');
    expect(entryStatusOf('accepted')).toBe('waiting');
  });

  it('is booked once the referral is, and not yet on the list while a draft', () => {
    expect(entryStatusOf('booked')).toBe('booked');
    expect(entryStatusOf('draft')).toBe('draft');
  });

  it('leaves the list for every outcome, did-not-attend included', () => {
    const left = REFERRAL_STATUSES.filter((s) => !['sent', 'accepted', 'booked', 'draft'].includes(s));
    expect(left).toEqual([
      'rejected',
      'attended',
      'did_not_attend',
      'outcome_unknown',
      'completed',
      'closed',
    ]);
    for (const status of left) expect(entryStatusOf(status)).toBe('left');
  });
});
