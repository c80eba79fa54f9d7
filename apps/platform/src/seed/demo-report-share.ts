import { DEMO_ORG_IDS } from '@careloop/auth';

/**
 * Riverside CDAS's service manager shares its referrals report with the council that commissions it,
 * so the demo commissioner (dana.okafor) can export Riverside's figures, disclosure-controlled.
 */
export const DEMO_REPORT_SHARE = {
  manager: 'ruth.adeyemi',
  commissionerOrgId: DEMO_ORG_IDS.riversideCouncil,
} as const;
