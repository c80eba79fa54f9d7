import { DEFAULT_REMINDERS_POLICY } from '../reminders-policy';
import { planOffer } from './offer-plan';

const QUIET = DEFAULT_REMINDERS_POLICY.quietHours;
/** An in-reach session on Wednesday 9 December 2026 at 10:20 GMT. */
const STARTS_AT = new Date('2026-12-09T10:20:00Z');

function plan(now: string, expiresAt: string, notTextable: Parameters<typeof planOffer>[2] = null) {
  const planned = planOffer(
    { now: new Date(now), expiresAt: new Date(expiresAt), startsAt: STARTS_AT },
    QUIET,
    notTextable,
  );
  return { ...planned, dueAt: planned.dueAt.toISOString() };
}

describe('planOffer', () => {
  it('texts the offer at once in the day', () => {
    expect(plan('2026-12-05T14:00:00Z', '2026-12-07T14:00:00Z')).toEqual({
      dueAt: '2026-12-05T14:00:00.000Z',
      status: 'scheduled',
      reason: null,
    });
  });

  it('holds an offer made at night until quiet hours end at 08:00 London', () => {
    expect(plan('2026-12-05T22:30:00Z', '2026-12-07T22:30:00Z')).toMatchObject({
      dueAt: '2026-12-06T08:00:00.000Z',
      status: 'scheduled',
    });
    // In summer 08:00 BST is 07:00Z.
    const summer = planOffer(
      {
        now: new Date('2026-06-05T21:30:00Z'),
        expiresAt: new Date('2026-06-07T21:30:00Z'),
        startsAt: new Date('2026-06-09T09:00:00Z'),
      },
      QUIET,
      null,
    );
    expect(summer).toEqual({ dueAt: new Date('2026-06-06T07:00:00Z'), status: 'scheduled', reason: null });
  });

  it('skips an offer that lapses before the morning, rather than texting it too late to answer', () => {
    expect(plan('2026-12-05T22:30:00Z', '2026-12-06T07:00:00Z')).toEqual({
      dueAt: '2026-12-06T08:00:00.000Z',
      status: 'skipped',
      reason: 'offer_expires_in_quiet_hours',
    });
    // Lapsing the very moment quiet hours end is too late as well.
    expect(plan('2026-12-05T22:30:00Z', '2026-12-06T08:00:00Z')).toMatchObject({
      status: 'skipped',
      reason: 'offer_expires_in_quiet_hours',
    });
  });

  it('skips an offer that has already lapsed when it arrives', () => {
    expect(plan('2026-12-05T14:00:00Z', '2026-12-05T14:00:00Z')).toMatchObject({
      status: 'skipped',
      reason: 'offer_expired',
    });
    expect(plan('2026-12-06T02:00:00Z', '2026-12-06T01:00:00Z')).toMatchObject({
      status: 'skipped',
      reason: 'offer_expired',
    });
  });

  it('skips, saying why, a client who may not be texted, before anything else', () => {
    expect(plan('2026-12-05T14:00:00Z', '2026-12-07T14:00:00Z', 'no_sms_consent')).toEqual({
      dueAt: '2026-12-05T14:00:00.000Z',
      status: 'skipped',
      reason: 'no_sms_consent',
    });
    expect(plan('2026-12-05T14:00:00Z', '2026-12-05T13:00:00Z', 'opted_out')).toMatchObject({
      reason: 'opted_out',
    });
  });
});
