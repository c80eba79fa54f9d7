import { whyNotTextable } from './why-not-textable';

const own = (safeToText: boolean) => ({ purpose: 'own_mobile' as const, safeToText });

describe('whether the reminders service will text a client', () => {
  it('does with consent and an own mobile safe to text, whatever other numbers say', () => {
    expect(whyNotTextable(true, [own(true)])).toBeNull();
    expect(
      whyNotTextable(true, [own(false), own(true), { purpose: 'hostel', safeToText: false }]),
    ).toBeNull();
  });

  it('does not without consent, first of all', () => {
    expect(whyNotTextable(false, [own(true)])).toBe('no_sms_consent');
    expect(whyNotTextable(false, [])).toBe('no_sms_consent');
  });

  it('does not without a mobile of their own: a hostel, pharmacy or family phone is never texted', () => {
    expect(whyNotTextable(true, [])).toBe('no_mobile');
    expect(
      whyNotTextable(true, [
        { purpose: 'hostel', safeToText: true },
        { purpose: 'family', safeToText: true },
      ]),
    ).toBe('no_mobile');
  });

  it('does not when no own mobile is marked safe to text', () => {
    expect(whyNotTextable(true, [own(false), own(false)])).toBe('mobile_not_safe_to_text');
  });
});
