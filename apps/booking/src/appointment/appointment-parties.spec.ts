import type { Principal } from '@careloop/auth';
import { partyOf } from './appointment-parties';

const staff = (overrides: Partial<Principal>): Principal => ({
  userId: 'u-1',
  name: 'Alex Morgan',
  roles: ['drug_worker'],
  orgId: 'org-riverside-cdas',
  orgKind: 'cdas',
  siteIds: [],
  ...overrides,
});

describe('who the caller is to an appointment', () => {
  const appointment = { orgId: 'org-riverside-cdas' };
  const hospitalSlot = { orgId: 'org-st-elsewhere' };

  it('the CDAS that booked it, through its writers only', () => {
    expect(partyOf(staff({}), appointment, hospitalSlot)).toBe('cdas');
    expect(partyOf(staff({ roles: ['service_manager'] }), appointment, hospitalSlot)).toBeNull();
  });

  it("the clinic whose slot it is, through its admins and clinicians; another organisation's staff: nobody", () => {
    const hospital = { orgId: 'org-st-elsewhere', orgKind: 'hospital' as const };
    expect(partyOf(staff({ ...hospital, roles: ['clinic_admin'] }), appointment, hospitalSlot)).toBe(
      'clinic',
    );
    expect(partyOf(staff({ ...hospital, roles: ['clinician'] }), appointment, hospitalSlot)).toBe('clinic');
    expect(partyOf(staff({ ...hospital, roles: ['admin'] }), appointment, hospitalSlot)).toBeNull();
    expect(partyOf(staff({ orgId: 'org-other-cdas' }), appointment, hospitalSlot)).toBeNull();
    expect(
      partyOf(
        staff({ orgId: 'org-other-hospital', orgKind: 'hospital', roles: ['clinic_admin'] }),
        appointment,
        hospitalSlot,
      ),
    ).toBeNull();
  });

  it("a CDAS's in-house clinic: its clinic admin acts as the clinic, its clinician who booked as the CDAS", () => {
    const inHouse = { orgId: 'org-riverside-cdas' };
    const otherCdasBooking = { orgId: 'org-other-cdas' };
    expect(partyOf(staff({ roles: ['clinic_admin'] }), appointment, inHouse)).toBe('clinic');
    expect(partyOf(staff({ roles: ['clinician'] }), appointment, inHouse)).toBe('cdas');
    expect(partyOf(staff({ roles: ['clinician'] }), otherCdasBooking, inHouse)).toBe('clinic');
  });
});
