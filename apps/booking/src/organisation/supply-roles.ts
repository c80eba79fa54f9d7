/**
 * Who manages a provider's supply (sites, schedules, slots, availability): a GP practice's or
 * hospital's clinic admin, an organisation admin, or a CDAS in-reach coordinator for clinics run in
 * its own building. Always for the caller's own organisation.
 */
export const SUPPLY_ROLES = ['clinic_admin', 'admin', 'inreach_coordinator'] as const;
