import { offerEndOf, SESSION_WITHDRAWAL_ACTOR } from './offer-outcomes';

describe('how an offer ends with its hold', () => {
  const staff = { kind: 'user', id: 'alex.morgan' } as const;
  const withdrawal = { kind: 'system', id: SESSION_WITHDRAWAL_ACTOR } as const;

  it('is declined when the client said no or staff released the hold, expired when it lapsed', () => {
    expect(offerEndOf('declined', { kind: 'system', id: 'system:sms-reply' })).toEqual({
      status: 'declined',
      endReason: 'declined',
    });
    expect(offerEndOf('released', staff)).toEqual({ status: 'declined', endReason: 'released' });
    expect(offerEndOf('expired', { kind: 'system', id: 'system:booking' })).toEqual({
      status: 'expired',
      endReason: 'expired',
    });
  });

  it('is withdrawn, not the client’s no, when booking released it because the session was withdrawn', () => {
    expect(offerEndOf('released', withdrawal)).toEqual({
      status: 'withdrawn',
      endReason: 'session_withdrawn',
    });
    // A member of staff who happens to have that id is still staff.
    expect(offerEndOf('released', { kind: 'user', id: SESSION_WITHDRAWAL_ACTOR }).status).toBe('declined');
  });
});
