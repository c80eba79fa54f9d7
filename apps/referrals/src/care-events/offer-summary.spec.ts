import { offerEndedSummary, offerMadeSummary, offerTakenSummary } from './offer-summary';

const offered = {
  providerName: 'St Elsewhere Hepatology',
  serviceType: 'hepatitis C treatment',
  startsAt: new Date('2026-11-05T10:20:00Z'),
};

describe('in-reach offer timeline wording', () => {
  it('says what was offered, where, and until when it is held, on the London clock', () => {
    expect(
      offerMadeSummary({
        ...offered,
        location: 'Clinic room 2, 14 Mill Lane',
        expiresAt: new Date('2026-11-03T17:00:00Z'),
      }),
    ).toBe(
      'Offered appointment with St Elsewhere Hepatology (hepatitis C treatment) on Thu 5 Nov 2026, 10:20 ' +
        'at Clinic room 2, 14 Mill Lane, held until Tue 3 Nov 2026, 17:00',
    );
    // Summer time: the hold ends at 18:00 London.
    expect(
      offerMadeSummary({
        ...offered,
        startsAt: new Date('2026-06-10T09:00:00Z'),
        location: 'Clinic room 2',
        expiresAt: new Date('2026-06-08T17:00:00Z'),
      }),
    ).toMatch(/on Wed 10 Jun 2026, 10:00 at Clinic room 2, held until Mon 8 Jun 2026, 18:00$/);
  });

  it('says the offer was taken', () => {
    expect(offerTakenSummary(offered)).toBe(
      'Offer taken: appointment with St Elsewhere Hepatology (hepatitis C treatment) on Thu 5 Nov 2026, 10:20 booked',
    );
  });

  it('tells declined, released and expired apart', () => {
    const what = 'appointment with St Elsewhere Hepatology (hepatitis C treatment) on Thu 5 Nov 2026, 10:20';
    expect(offerEndedSummary('declined', offered)).toBe(`Offer declined by the client (SMS reply): ${what}`);
    expect(offerEndedSummary('released', offered)).toBe(`Offer released: ${what}`);
    expect(offerEndedSummary('expired', offered)).toBe(`Offer expired without an answer: ${what}`);
  });

  it('still says what happened when the offer itself never reached this service', () => {
    expect(offerEndedSummary('expired', null)).toBe(
      'Offer expired without an answer: the in-reach appointment offered',
    );
  });
});
