import { REFERRAL_STATUSES } from './lifecycle/referral-status';
import { isOverdue, OVERDUE_AFTER_DAYS, WAITING_STATUSES } from './overdue';

const now = new Date('2026-11-20T12:00:00Z');
const daysAgo = (days: number, extraMs = 0) => new Date(now.getTime() - days * 86_400_000 - extraMs);

describe('overdue referrals', () => {
  it.each([
    ['urgent', 2],
    ['soon', 7],
    ['routine', 14],
  ] as const)('a %s referral is overdue only after %i days in its status', (urgency, days) => {
    expect(OVERDUE_AFTER_DAYS[urgency]).toBe(days);
    const at = (statusChangedAt: Date) => isOverdue({ status: 'sent', urgency, statusChangedAt }, now);
    expect(at(daysAgo(days - 1))).toBe(false);
    expect(at(daysAgo(days))).toBe(false); // exactly the threshold: not yet
    expect(at(daysAgo(days, 1))).toBe(true); // one millisecond longer
    expect(at(daysAgo(days + 30))).toBe(true);
  });

  it('applies only to statuses that wait on someone else', () => {
    const old = daysAgo(100);
    const overdue = REFERRAL_STATUSES.filter((status) =>
      isOverdue({ status, urgency: 'urgent', statusChangedAt: old }, now),
    );
    expect(overdue.sort()).toEqual([...WAITING_STATUSES].sort());
    expect(overdue).toEqual(
      expect.arrayContaining(['sent', 'accepted', 'rejected', 'did_not_attend', 'outcome_unknown']),
    );
    expect(overdue).not.toContain('booked');
    expect(overdue).not.toContain('draft');
    expect(overdue).not.toContain('closed');
  });

  it('measures from the last status change, not from creation', () => {
    expect(isOverdue({ status: 'did_not_attend', urgency: 'soon', statusChangedAt: daysAgo(1) }, now)).toBe(
      false,
    );
  });
});
