import type { Principal } from '@careloop/auth';

/** Who records what the reminders service reported (consent withdrawn by an SMS opt-out word). */
export const REMINDERS_SYSTEM_USER = 'system:reminders';

/**
 * The reminders service acting in one organisation, for the client context's use cases (which read
 * and audit as a principal). No roles: it is never checked against a route's roles.
 */
export function remindersPrincipal(orgId: string): Principal {
  return {
    userId: REMINDERS_SYSTEM_USER,
    name: 'SMS reminders',
    roles: [],
    orgId,
    orgKind: 'cdas',
    siteIds: [],
  };
}
