import type { Principal } from '../principal';
import type { OrganisationKind, Role } from '../roles';

// Fixed ids so the demo seed, tests and tokens agree across restarts. All names are invented.

export const DEMO_ORG_IDS = {
  riversideCdas: '5e3c1a00-0000-4000-8000-000000000001',
  hillsideSurgery: '5e3c1a00-0000-4000-8000-000000000002',
  stElsewhereHospital: '5e3c1a00-0000-4000-8000-000000000003',
  riversideCouncil: '5e3c1a00-0000-4000-8000-000000000004',
} as const;

export const DEMO_SITE_IDS = {
  riversideHub: '5e3c1a00-0000-4000-8000-000000000101',
  riversideNorthgate: '5e3c1a00-0000-4000-8000-000000000102',
  hillsideSurgery: '5e3c1a00-0000-4000-8000-000000000201',
  stElsewhereRespiratoryClinic: '5e3c1a00-0000-4000-8000-000000000301',
} as const;

export interface DemoOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  sites: ReadonlyArray<{ id: string; name: string }>;
}

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  {
    id: DEMO_ORG_IDS.riversideCdas,
    name: 'Riverside Community Drug and Alcohol Service',
    kind: 'cdas',
    sites: [
      { id: DEMO_SITE_IDS.riversideHub, name: 'Riverside Hub' },
      { id: DEMO_SITE_IDS.riversideNorthgate, name: 'Northgate satellite' },
    ],
  },
  {
    id: DEMO_ORG_IDS.hillsideSurgery,
    name: 'Hillside Surgery',
    kind: 'gp_practice',
    sites: [{ id: DEMO_SITE_IDS.hillsideSurgery, name: 'Hillside Surgery' }],
  },
  {
    id: DEMO_ORG_IDS.stElsewhereHospital,
    name: 'St Elsewhere Hospital',
    kind: 'hospital',
    sites: [{ id: DEMO_SITE_IDS.stElsewhereRespiratoryClinic, name: 'Respiratory outpatient clinic' }],
  },
  {
    // Commissions (funds) Riverside CDAS: sees the figures Riverside shares with it, no client records.
    id: DEMO_ORG_IDS.riversideCouncil,
    name: 'Riverside Borough Council public health',
    kind: 'commissioner',
    sites: [],
  },
];

export const DEMO_USER_IDS = {
  drugWorker: '5e3c1a00-0000-4000-8000-000000001001',
  nurse: '5e3c1a00-0000-4000-8000-000000001002',
  inreachCoordinator: '5e3c1a00-0000-4000-8000-000000001003',
  serviceManager: '5e3c1a00-0000-4000-8000-000000001004',
  admin: '5e3c1a00-0000-4000-8000-000000001005',
  gpClinician: '5e3c1a00-0000-4000-8000-000000002001',
  respiratoryClinicAdmin: '5e3c1a00-0000-4000-8000-000000003001',
  commissioningManager: '5e3c1a00-0000-4000-8000-000000004001',
} as const;

export interface DemoUser extends Principal {
  username: string;
  /** What the user does, shown on the development sign-in screen. */
  description: string;
}

function demoUser(
  username: string,
  userId: string,
  name: string,
  role: Role,
  orgId: string,
  siteIds: string[],
  description: string,
): DemoUser {
  const org = DEMO_ORGANISATIONS.find((o) => o.id === orgId);
  if (!org) throw new Error(`Demo user ${username} belongs to an unknown organisation`);
  return { username, userId, name, roles: [role], orgId, orgKind: org.kind, siteIds, description };
}

const riversideSites = [DEMO_SITE_IDS.riversideHub, DEMO_SITE_IDS.riversideNorthgate];

/** One demo user per role at the services, and the commissioner's manager who reads their reports. */
export const DEMO_USERS: readonly DemoUser[] = [
  demoUser(
    'alex.morgan',
    DEMO_USER_IDS.drugWorker,
    'Alex Morgan',
    'drug_worker',
    DEMO_ORG_IDS.riversideCdas,
    [DEMO_SITE_IDS.riversideHub],
    'Keyworker at Riverside CDAS',
  ),
  demoUser(
    'priya.shah',
    DEMO_USER_IDS.nurse,
    'Priya Shah',
    'nurse',
    DEMO_ORG_IDS.riversideCdas,
    riversideSites,
    'Nurse at Riverside CDAS',
  ),
  demoUser(
    'kit.lawson',
    DEMO_USER_IDS.inreachCoordinator,
    'Kit Lawson',
    'inreach_coordinator',
    DEMO_ORG_IDS.riversideCdas,
    riversideSites,
    'Runs in-reach clinics at Riverside CDAS',
  ),
  demoUser(
    'ruth.adeyemi',
    DEMO_USER_IDS.serviceManager,
    'Ruth Adeyemi',
    'service_manager',
    DEMO_ORG_IDS.riversideCdas,
    riversideSites,
    'Service manager, Riverside CDAS',
  ),
  demoUser(
    'morgan.ellis',
    DEMO_USER_IDS.admin,
    'Morgan Ellis',
    'admin',
    DEMO_ORG_IDS.riversideCdas,
    riversideSites,
    'Careloop administrator for Riverside CDAS',
  ),
  demoUser(
    'dr.sam.patel',
    DEMO_USER_IDS.gpClinician,
    'Dr Sam Patel',
    'clinician',
    DEMO_ORG_IDS.hillsideSurgery,
    [DEMO_SITE_IDS.hillsideSurgery],
    'GP at Hillside Surgery',
  ),
  demoUser(
    'jo.bennett',
    DEMO_USER_IDS.respiratoryClinicAdmin,
    'Jo Bennett',
    'clinic_admin',
    DEMO_ORG_IDS.stElsewhereHospital,
    [DEMO_SITE_IDS.stElsewhereRespiratoryClinic],
    'Clinic administrator, St Elsewhere Hospital respiratory clinic',
  ),
  demoUser(
    'dana.okafor',
    DEMO_USER_IDS.commissioningManager,
    'Dana Okafor',
    'service_manager',
    DEMO_ORG_IDS.riversideCouncil,
    [],
    'Commissioning manager, Riverside Borough Council: exports the referrals report Riverside CDAS shares',
  ),
];
