import { londonWeekdayOf, offerOrder, rankReasons, type OfferCandidate } from './offer-ranking';

const NOW = new Date('2026-03-02T08:00:00Z'); // a Monday
/** Wednesday 11 March 2026, 10:00 London (GMT). */
const WEDNESDAY = new Date('2026-03-11T10:00:00Z');
const DAY = 86_400_000;
const context = { now: NOW, sessionStartsAt: WEDNESDAY, longWaitDays: 28 };

function aCandidate(referralId: string, overrides: Partial<OfferCandidate> = {}): OfferCandidate {
  return {
    referralId,
    urgency: 'routine',
    joinedAt: new Date(NOW.getTime() - 3 * DAY),
    attendanceDays: [],
    ...overrides,
  };
}
const waited = (days: number) => new Date(NOW.getTime() - days * DAY);
const order = (candidates: OfferCandidate[], ctx = context) =>
  offerOrder(candidates, ctx).map((c) => c.referralId);

describe('the order in which waiting clients are offered a seat', () => {
  it('puts urgent before soon before routine, however long the others waited', () => {
    expect(
      order([
        aCandidate('routine', { joinedAt: waited(90) }),
        aCandidate('soon', { urgency: 'soon', joinedAt: waited(40) }),
        aCandidate('urgent', { urgency: 'urgent', joinedAt: waited(1) }),
      ]),
    ).toEqual(['urgent', 'soon', 'routine']);
  });

  it('within one urgency, puts those waiting longer than 28 days first, even ahead of a usual day', () => {
    expect(
      order([
        aCandidate('usual-day', { joinedAt: waited(10), attendanceDays: ['wed'] }),
        aCandidate('long-wait', { joinedAt: waited(29) }),
      ]),
    ).toEqual(['long-wait', 'usual-day']);
  });

  it('then those for whom the session falls on one of their usual CDAS days', () => {
    expect(
      order([
        aCandidate('other-days', { joinedAt: waited(20), attendanceDays: ['mon', 'fri'] }),
        aCandidate('wednesdays', { joinedAt: waited(5), attendanceDays: ['wed'] }),
      ]),
    ).toEqual(['wednesdays', 'other-days']);
  });

  it('reads the session’s weekday in London: 00:30 BST on a Thursday is Thursday, not Wednesday in UTC', () => {
    const thursdayEarly = new Date('2026-06-10T23:30:00Z'); // 00:30 BST, Thursday 11 June
    expect(londonWeekdayOf(thursdayEarly)).toBe('thu');
    expect(
      order(
        [
          aCandidate('wednesdays', { joinedAt: waited(10), attendanceDays: ['wed'] }),
          aCandidate('thursdays', { joinedAt: waited(5), attendanceDays: ['thu'] }),
        ],
        { ...context, sessionStartsAt: thursdayEarly },
      ),
    ).toEqual(['thursdays', 'wednesdays']);
  });

  it('then whoever joined first, then by referral id, so equal clients always come in one order', () => {
    const sameTime = waited(3);
    expect(
      order([
        aCandidate('b', { joinedAt: sameTime }),
        aCandidate('later', { joinedAt: waited(2) }),
        aCandidate('a', { joinedAt: sameTime }),
        aCandidate('first', { joinedAt: waited(7) }),
      ]),
    ).toEqual(['first', 'a', 'b', 'later']);
  });

  it('counts exactly 28 days as not yet a long wait', () => {
    expect(rankReasons(aCandidate('x', { joinedAt: waited(28) }), context)).toMatchObject({
      waitingDays: 28,
      longWait: false,
    });
    expect(
      rankReasons(aCandidate('x', { joinedAt: new Date(waited(28).getTime() - 1) }), context),
    ).toMatchObject({ longWait: true });
  });

  it('without a session to offer, no client is on a usual day', () => {
    expect(
      rankReasons(aCandidate('x', { attendanceDays: ['wed'] }), { ...context, sessionStartsAt: null })
        .usualDay,
    ).toBe(false);
  });

  it('leaves the list it was given as it was', () => {
    const candidates = [aCandidate('routine'), aCandidate('urgent', { urgency: 'urgent' })];
    offerOrder(candidates, context);
    expect(candidates.map((c) => c.referralId)).toEqual(['routine', 'urgent']);
  });
});
