import { SMS_STATUSES } from '@careloop/contracts';
import { isDeliveryFailure, progressedStatus } from './delivery-progress';

describe('delivery progress', () => {
  it('moves a text forward through queued, sent and a final status', () => {
    expect(progressedStatus('sending', 'queued')).toBe('queued');
    expect(progressedStatus('queued', 'sent')).toBe('sent');
    expect(progressedStatus('sent', 'delivered')).toBe('delivered');
    expect(progressedStatus('queued', 'undelivered')).toBe('undelivered');
    expect(progressedStatus('sending', 'failed')).toBe('failed');
  });

  it('never moves backwards: a late sent after delivered, or queued after sent, changes nothing', () => {
    expect(progressedStatus('delivered', 'sent')).toBeUndefined();
    expect(progressedStatus('sent', 'queued')).toBeUndefined();
    expect(progressedStatus('sent', 'sent')).toBeUndefined();
  });

  it('keeps the first final status: a delivered text is not later undelivered, nor the reverse', () => {
    for (const final of ['delivered', 'undelivered', 'failed'] as const) {
      for (const reported of SMS_STATUSES) expect(progressedStatus(final, reported)).toBeUndefined();
    }
  });

  it('lets a text whose fate was unknown learn it from its receipts', () => {
    expect(progressedStatus('unknown', 'delivered')).toBe('delivered');
    expect(progressedStatus('unknown', 'failed')).toBe('failed');
  });

  it('calls undelivered and failed, and nothing else, a failure to deliver', () => {
    expect(SMS_STATUSES.filter(isDeliveryFailure)).toEqual(['undelivered', 'failed']);
  });
});
