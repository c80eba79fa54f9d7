import { hasAnyRole, type Principal, type Role } from '@careloop/auth';

/** CDAS staff who book, move and cancel appointments for their clients. */
export const APPOINTMENT_WRITERS = ['drug_worker', 'nurse', 'clinician'] as const satisfies readonly Role[];
/** CDAS staff who may read their organisation's appointments. */
export const APPOINTMENT_READERS = [
  ...APPOINTMENT_WRITERS,
  'service_manager',
  'admin',
] as const satisfies readonly Role[];
/** Staff of the organisation running a clinic: they see its appointments, cancel, record attendance. */
export const CLINIC_STAFF = ['clinic_admin', 'clinician'] as const satisfies readonly Role[];

/**
 * Who the caller is to an appointment: the CDAS that booked it (its writers), the clinic whose slot it
 * is (its admins and clinicians), or nobody, which callers answer exactly like a missing appointment.
 * A CDAS clinician of an in-house clinic who booked the appointment acts as the CDAS.
 */
export type AppointmentParty = 'cdas' | 'clinic';

export function partyOf(
  principal: Principal,
  appointment: { orgId: string },
  slot: { orgId: string },
): AppointmentParty | null {
  if (
    principal.orgKind === 'cdas' &&
    principal.orgId === appointment.orgId &&
    hasAnyRole(principal, APPOINTMENT_WRITERS)
  ) {
    return 'cdas';
  }
  if (principal.orgId === slot.orgId && hasAnyRole(principal, CLINIC_STAFF)) return 'clinic';
  return null;
}
