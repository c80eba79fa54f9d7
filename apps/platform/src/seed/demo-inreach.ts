import { DEMO_ORG_IDS, DEMO_ORGANISATIONS } from '@careloop/auth';
import { DEMO_SEASON_START } from './demo-season';

const riverside = DEMO_ORGANISATIONS.find((o) => o.id === DEMO_ORG_IDS.riversideCdas)!;

/**
 * Synthetic demo in-reach: St Elsewhere Hospital's hepatology nurses visit Riverside CDAS's hub every
 * other Wednesday morning to treat hepatitis C. The clinic is published, so Riverside's own staff, and
 * only they, find its slots in booking. The address is the building and street only: reminders show it
 * to clients, and it must not give away that the building is a drug service.
 */
export const DEMO_INREACH = {
  coordinator: 'kit.lawson',
  /** The CDAS registers with booking as the provider of its own building's slots. */
  organisation: { name: riverside.name },
  site: { name: 'Riverside Hub', address: 'Riverside Hub, 14 Wharf Street, Riverside' },
  service: {
    name: 'Hepatitis C treatment',
    serviceType: 'hepatitis_c',
    providerName: 'St Elsewhere Hospital hepatology nurses',
    providerOrgId: DEMO_ORG_IDS.stElsewhereHospital,
  },
  room: { name: 'Clinic room 2' },
  /** Every other Wednesday 10:00-13:00 (London): nine 20-minute slots of one seat, and two walk-ins. */
  series: {
    rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE',
    startTime: '10:00',
    endTime: '13:00',
    validFrom: DEMO_SEASON_START,
    slotMinutes: 20,
    seatsPerSlot: 1,
    walkInAllowance: 2,
  },
} as const;
