import { clientContactChangedV1, clientRegisteredV1 } from '@careloop/contracts';
import { currentConsents } from './client-consent.dto';
import type { ClientConsent } from './client-consent.entity';
import type { ClientContact } from './client-contact.entity';
import { clientSnapshot, contactsSnapshot } from './client-snapshots';
import type { Client } from './client.entity';

const at = (iso: string) => new Date(iso);

const aClient = (overrides: Partial<Client> = {}): Client => ({
  id: '7a1d0000-0000-4000-8000-000000000001',
  orgId: 'org-riverside',
  version: 4,
  givenName: 'Joanne',
  familyName: 'Smith',
  preferredName: 'Jo',
  dateOfBirth: '1978-04-02',
  nhsNumber: '9434765919',
  keyworkerId: 'user-alex',
  siteId: 'site-hub',
  gpPracticeOds: 'A81001',
  noFixedAbode: true,
  recentlyReleasedFromPrison: false,
  interpreterNeeded: true,
  interpreterLanguage: 'Polish',
  attendancePattern: [{ day: 'tue', from: '09:00', to: '11:00' }],
  createdBy: 'user-alex',
  createdAt: at('2026-11-02T10:00:00Z'),
  updatedBy: 'user-priya',
  updatedAt: at('2026-11-03T10:00:00Z'),
  ...overrides,
});

const aContact = (id: string, createdAt: string, overrides: Partial<ClientContact> = {}): ClientContact => ({
  id,
  version: 1,
  clientId: aClient().id,
  orgId: 'org-riverside',
  purpose: 'own_mobile',
  phone: '+447700900123',
  label: null,
  safeToText: true,
  verifiedBy: 'user-alex',
  verifiedAt: at('2026-11-02T10:05:00Z'),
  createdAt: at(createdAt),
  updatedAt: at(createdAt),
  ...overrides,
});

const aConsent = (seq: number, purpose: ClientConsent['purpose'], given: boolean): ClientConsent => ({
  id: `00000000-0000-4000-8000-00000000000${seq}`,
  seq: String(seq),
  clientId: aClient().id,
  orgId: 'org-riverside',
  purpose,
  given,
  recordedBy: `user-${seq}`,
  recordedAt: at('2026-11-02T10:00:00Z'),
});

describe('client snapshots', () => {
  it('carries the whole record, valid against client.registered.v1', () => {
    const snapshot = clientSnapshot(aClient());
    expect(clientRegisteredV1.data.parse(snapshot)).toEqual(snapshot);
    expect(snapshot).toEqual({
      clientId: aClient().id,
      version: 4,
      name: { given: 'Joanne', family: 'Smith' },
      preferredName: 'Jo',
      dateOfBirth: '1978-04-02',
      nhsNumber: '9434765919',
      keyworkerId: 'user-alex',
      siteId: 'site-hub',
      gpPracticeOds: 'A81001',
      flags: {
        noFixedAbode: true,
        recentlyReleasedFromPrison: false,
        interpreterNeeded: true,
        interpreterLanguage: 'Polish',
      },
      attendancePattern: [{ day: 'tue', from: '09:00', to: '11:00' }],
    });
  });

  it('keeps nulls for a client with no NHS number or GP recorded', () => {
    const snapshot = clientSnapshot(aClient({ nhsNumber: null, gpPracticeOds: null, preferredName: null }));
    expect(clientRegisteredV1.data.safeParse(snapshot).success).toBe(true);
  });

  it('lists contacts oldest first, valid against client.contact-changed.v1', () => {
    const contacts = contactsSnapshot([
      aContact('00000000-0000-4000-8000-0000000000b2', '2026-11-02T11:00:00Z', {
        purpose: 'hostel',
        phone: '+441614960000',
        label: 'St Anne’s',
        safeToText: false,
        verifiedBy: null,
        verifiedAt: null,
      }),
      aContact('00000000-0000-4000-8000-0000000000a1', '2026-11-02T10:00:00Z'),
    ]);
    expect(contacts.map((c) => c.purpose)).toEqual(['own_mobile', 'hostel']);
    expect(contacts[0]).toEqual({
      contactId: '00000000-0000-4000-8000-0000000000a1',
      purpose: 'own_mobile',
      phone: '+447700900123',
      label: null,
      safeToText: true,
      verifiedBy: 'user-alex',
      verifiedAt: '2026-11-02T10:05:00.000Z',
    });
    expect(clientContactChangedV1.data.safeParse({ clientId: aClient().id, contacts }).success).toBe(true);
  });

  it('takes the latest consent record per purpose, whatever order they come in', () => {
    const consents = currentConsents([
      aConsent(3, 'sms_reminders', false),
      aConsent(1, 'sms_reminders', true),
      aConsent(2, 'share_outcome_with_gp', true),
    ]);
    expect(consents).toEqual({
      sms_reminders: { given: false, recordedBy: 'user-3', recordedAt: '2026-11-02T10:00:00.000Z' },
      share_outcome_with_gp: { given: true, recordedBy: 'user-2', recordedAt: '2026-11-02T10:00:00.000Z' },
      name_service_in_sms: { given: false, recordedBy: null, recordedAt: null },
    });
  });
});
