import { DEFAULT_INREACH_POLICY } from '../inreach-policy';
import { earliestOfferableStart, offerExpiresAt } from './offer-expiry';

const policy = DEFAULT_INREACH_POLICY;
const NOW = new Date('2026-03-02T09:00:00Z');

describe('when an offer expires', () => {
  it('after 48 hours when the session is further off than that and its 12-hour margin', () => {
    expect(offerExpiresAt(NOW, new Date('2026-03-11T10:00:00Z'), policy)).toEqual(
      new Date('2026-03-04T09:00:00Z'),
    );
  });

  it('12 hours before a session that starts sooner', () => {
    expect(offerExpiresAt(NOW, new Date('2026-03-03T20:00:00Z'), policy)).toEqual(
      new Date('2026-03-03T08:00:00Z'),
    );
  });

  it('at exactly 48 hours when the session starts 60 hours on (both rules agree)', () => {
    expect(offerExpiresAt(NOW, new Date('2026-03-04T21:00:00Z'), policy)).toEqual(
      new Date('2026-03-04T09:00:00Z'),
    );
  });

  it('offers only sessions starting at least 24 hours on, so an offer always has 12 hours', () => {
    const earliest = earliestOfferableStart(NOW, policy);
    expect(earliest).toEqual(new Date('2026-03-03T09:00:00Z'));
    expect(offerExpiresAt(NOW, earliest, policy)).toEqual(new Date('2026-03-02T21:00:00Z'));
  });

  it('follows the policy', () => {
    expect(
      offerExpiresAt(NOW, new Date('2026-03-11T10:00:00Z'), { offerHours: 2, offerExpiryMarginHours: 1 }),
    ).toEqual(new Date('2026-03-02T11:00:00Z'));
  });
});
