import { aReferralCreatedEvent } from '@careloop/testing';
import type { IncomingMessage } from '../outgoing-message';
import { decodeMessage } from './decode-message';

const message = (value: string | null): IncomingMessage => ({
  topic: 'careloop.referrals',
  partition: 0,
  offset: '0',
  key: 'k',
  value,
  headers: {},
});

describe('decoding a consumed message', () => {
  it('accepts a valid event and returns its validated data', () => {
    const event = aReferralCreatedEvent();
    const decoded = decodeMessage(message(JSON.stringify(event)));
    expect(decoded).toEqual({ ok: true, envelope: event });
  });

  it.each([
    ['an empty value', null, 'MALFORMED_MESSAGE'],
    ['text that is not JSON', 'hello', 'MALFORMED_MESSAGE'],
    ['JSON without an envelope', '{"hello":"world"}', 'INVALID_ENVELOPE'],
    [
      'a version that contradicts the type',
      JSON.stringify({ ...aReferralCreatedEvent(), version: 2 }),
      'INVALID_ENVELOPE',
    ],
    [
      'an event type with no contract',
      JSON.stringify({ ...aReferralCreatedEvent(), type: 'referral.teleported.v1' }),
      'UNKNOWN_EVENT_TYPE',
    ],
    [
      'data that breaks the contract',
      JSON.stringify(aReferralCreatedEvent({ data: { clientId: 'not-a-uuid' } })),
      'INVALID_EVENT_DATA',
    ],
  ])('refuses %s', (_what, value, code) => {
    const decoded = decodeMessage(message(value));
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.code).toBe(code);
  });

  it('names the offending field', () => {
    const decoded = decodeMessage(
      message(JSON.stringify(aReferralCreatedEvent({ data: { urgency: 'whenever' as never } }))),
    );
    expect(decoded.ok || decoded.message).toMatch(/^urgency: /);
  });
});
