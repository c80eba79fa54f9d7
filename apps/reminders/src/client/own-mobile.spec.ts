import { randomUUID } from 'node:crypto';
import type { ContactPurpose } from '@careloop/contracts';
import { ownMobile } from './own-mobile';

function aContact(
  purpose: ContactPurpose,
  phone: string,
  extra: { safeToText?: boolean; verified?: boolean } = {},
) {
  return {
    contactId: randomUUID(),
    purpose,
    phone,
    label: null,
    safeToText: extra.safeToText ?? false,
    verifiedBy: extra.verified ? 'alex.morgan' : null,
    verifiedAt: extra.verified ? '2026-11-02T10:00:00Z' : null,
  };
}

describe('ownMobile', () => {
  it("is the client's own mobile, never another purpose's number even if that one is safe to text", () => {
    expect(
      ownMobile([
        aContact('hostel', '+441632960001', { safeToText: true }),
        aContact('own_mobile', '+447700900123'),
        aContact('family', '+447700900999', { safeToText: true }),
      ]),
    ).toEqual({ mobile: '+447700900123', safeToText: false });
  });

  it('is none when no own mobile is recorded', () => {
    expect(ownMobile([aContact('pharmacy', '+441632960002', { safeToText: true })])).toBeNull();
    expect(ownMobile([])).toBeNull();
  });

  it('among several own mobiles prefers one safe to text, then a verified one', () => {
    expect(
      ownMobile([
        aContact('own_mobile', '+447700900001'),
        aContact('own_mobile', '+447700900002', { verified: true }),
        aContact('own_mobile', '+447700900003', { safeToText: true }),
      ]),
    ).toEqual({ mobile: '+447700900003', safeToText: true });
    expect(
      ownMobile([
        aContact('own_mobile', '+447700900001'),
        aContact('own_mobile', '+447700900002', { verified: true }),
      ])?.mobile,
    ).toBe('+447700900002');
  });
});
