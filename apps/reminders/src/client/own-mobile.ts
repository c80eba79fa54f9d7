import type { EventData, clientContactChangedV1 } from '@careloop/contracts';

type Contact = EventData<typeof clientContactChangedV1>['contacts'][number];

/**
 * The number reminders go to: the client's own mobile, never a hostel, pharmacy or family phone.
 * If several are recorded as their own, one marked safe to text wins, then a verified one, then the
 * first listed.
 */
export function ownMobile(contacts: readonly Contact[]): { mobile: string; safeToText: boolean } | null {
  const own = contacts.filter((c) => c.purpose === 'own_mobile');
  const rank = (c: Contact) => (c.safeToText ? 2 : 0) + (c.verifiedAt ? 1 : 0);
  const best = own.reduce<Contact | undefined>(
    (b, c) => (b === undefined || rank(c) > rank(b) ? c : b),
    undefined,
  );
  return best ? { mobile: best.phone, safeToText: best.safeToText } : null;
}
