import { SMS_STATUSES } from '@careloop/contracts';
import { smsStatusFromTwilio, TWILIO_MESSAGE_STATUSES } from './twilio-status';

describe("Twilio's message statuses in ours", () => {
  it.each([
    ['accepted', 'queued'],
    ['scheduled', 'queued'],
    ['queued', 'queued'],
    ['sending', 'queued'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'delivered'],
    ['undelivered', 'undelivered'],
    ['partially_delivered', 'undelivered'],
    ['failed', 'failed'],
    ['canceled', 'failed'],
  ])('%s is %s', (twilio, ours) => {
    expect(smsStatusFromTwilio(twilio)).toBe(ours);
  });

  it('has no status of ours for an inbound message or a status it does not know', () => {
    expect(smsStatusFromTwilio('receiving')).toBeUndefined();
    expect(smsStatusFromTwilio('received')).toBeUndefined();
    expect(smsStatusFromTwilio('teleported')).toBeUndefined();
    expect(smsStatusFromTwilio('')).toBeUndefined();
  });

  it('reads a status whatever its case', () => {
    expect(smsStatusFromTwilio('Delivered')).toBe('delivered');
  });

  it('maps every outbound Twilio status onto one of ours', () => {
    const outbound = TWILIO_MESSAGE_STATUSES.filter((s) => s !== 'receiving' && s !== 'received');
    for (const status of outbound) expect(SMS_STATUSES).toContain(smsStatusFromTwilio(status));
  });
});
