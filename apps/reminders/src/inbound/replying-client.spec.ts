import { replyContextOf, type ReplyingClient } from './replying-client';

const aMatch = (overrides: Partial<Extract<ReplyingClient, { kind: 'matched' }>> = {}): ReplyingClient => ({
  kind: 'matched',
  clientId: '7d1c4c0e-1f7a-4c55-9a43-3f1f5d0c2b11',
  orgId: 'org-riverside-cdas',
  appointmentId: 'b0b3a5f2-6a0e-4d8e-8f55-0b6a9f6f1c22',
  answering: 'evening_before',
  doubt: null,
  ...overrides,
});

describe('how a reply is read, from what it answers', () => {
  it("as to an offer when the offer's text is the one answered", () => {
    expect(replyContextOf(aMatch({ answering: 'offer' }))).toBe('offer');
  });

  it('as to "sorry we missed you" when that text is the one answered', () => {
    expect(replyContextOf(aMatch({ answering: 'missed' }))).toBe('missed');
  });

  it('as to a reminder when a reminder is, or no text at all', () => {
    expect(replyContextOf(aMatch())).toBe('reminder');
    expect(replyContextOf(aMatch({ answering: null, appointmentId: null }))).toBe('reminder');
    expect(replyContextOf({ kind: 'none' })).toBe('reminder');
    expect(replyContextOf({ kind: 'ambiguous' })).toBe('reminder');
  });

  it.each([
    ['another live offer', aMatch({ doubt: 'another_live_offer' })],
    [
      'another live offer, the latest text an offer too',
      aMatch({ answering: 'offer', doubt: 'another_live_offer' }),
    ],
    ['an offer texted to a shared number', aMatch({ answering: 'offer', doubt: 'offer_on_shared_number' })],
    [
      'another live offer, the latest text "sorry we missed you"',
      aMatch({ answering: 'missed', doubt: 'another_live_offer' }),
    ],
  ])('as unsure with %s', (_, client) => {
    expect(replyContextOf(client)).toBe('unsure');
  });
});
