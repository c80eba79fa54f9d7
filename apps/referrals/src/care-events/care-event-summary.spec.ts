import { londonTime, rebookNeededSummary, rescheduledSummary, walkInSummary } from './care-event-summary';

describe('care event timeline wording', () => {
  it('reads times on the London clock, in summer and in winter', () => {
    expect(londonTime(new Date('2026-06-04T09:00:00Z'))).toBe('Thu 4 Jun 2026, 10:00');
    expect(londonTime(new Date('2026-11-05T10:00:00Z'))).toBe('Thu 5 Nov 2026, 10:00');
    // The night the clocks go back: 01:30 BST, then 01:30 GMT an hour later.
    expect(londonTime(new Date('2026-10-25T00:30:00Z'))).toBe('Sun 25 Oct 2026, 01:30');
  });

  it('says where an appointment moved from and to', () => {
    expect(
      rescheduledSummary({
        providerName: 'St Elsewhere Hepatology',
        serviceType: 'hepatitis C treatment',
        previousStartsAt: new Date('2026-10-22T09:00:00Z'),
        startsAt: new Date('2026-10-29T10:00:00Z'),
        location: 'Clinic room 2, 14 Mill Lane',
      }),
    ).toBe(
      'Appointment with St Elsewhere Hepatology (hepatitis C treatment) moved from Thu 22 Oct 2026, 10:00 ' +
        'to Thu 29 Oct 2026, 10:00 at Clinic room 2, 14 Mill Lane',
    );
  });

  it('tells the keyworker to rebook, naming the cancelled session', () => {
    expect(
      rebookNeededSummary({
        providerName: 'St Elsewhere Hepatology',
        serviceType: 'hepatitis C treatment',
        startsAt: new Date('2026-11-05T10:30:00Z'),
      }),
    ).toBe(
      'In-reach session with St Elsewhere Hepatology (hepatitis C treatment) on Thu 5 Nov 2026, 10:30 ' +
        'was cancelled and no other session had room: rebook',
    );
  });

  it('names the service a walk-in was seen at', () => {
    expect(walkInSummary('Hepatitis C treatment')).toBe('Seen at Hepatitis C treatment without a booking');
  });
});
