import { deliveryFailedSummary, replySummary, sentSummary } from './sms-summary';

describe('SMS timeline wording', () => {
  it('shows the exact text sent and which reminder it was', () => {
    expect(sentSummary('evening_before', 'Hi Jo, see you Tue 3 Jun at 10:30')).toBe(
      'SMS sent (reminder the evening before): "Hi Jo, see you Tue 3 Jun at 10:30"',
    );
    expect(sentSummary(null, 'Hi Jo')).toBe('SMS sent: "Hi Jo"');
    expect(sentSummary('offer', 'Hi Jo, an appointment is free')).toBe(
      'SMS sent (in-reach offer): "Hi Jo, an appointment is free"',
    );
  });

  it('asks to check the number for a refused text, and with the client for an unknown fate', () => {
    expect(deliveryFailedSummary('undelivered', '30003', 'Hi Jo')).toBe(
      'SMS not delivered (undelivered, error 30003): "Hi Jo". Check the client\'s number',
    );
    expect(deliveryFailedSummary('failed', null, null)).toBe(
      "SMS not delivered (failed). Check the client's number",
    );
    expect(deliveryFailedSummary('unknown', null, null)).toBe(
      'SMS may not have been sent (interrupted while sending). Check with the client whether it arrived',
    );
  });

  it('shows what the client replied and how it was read', () => {
    expect(replySummary('rebook', 'cant make it')).toBe(
      `SMS reply (can't make it, wants to rebook): "cant make it"`,
    );
    expect(replySummary('other', 'who is this?')).toBe(
      'SMS reply (for the keyworker to read): "who is this?"',
    );
    expect(replySummary('confirm', '')).toBe('SMS reply (confirms): no text');
  });
});
