import { DEMO_SEASON_START } from './demo-season';

/**
 * Synthetic demo supply: St Elsewhere Hospital's respiratory clinic, with a weekly session whose slots
 * are reserved for drug and alcohol services and go back to general booking two days before if unused.
 */
export const DEMO_SUPPLY = {
  clinicAdmin: 'jo.bennett',
  organisation: { name: 'St Elsewhere Hospital' },
  site: { name: 'Outpatients B', address: 'Outpatients B, St Elsewhere Hospital, Lower Road' },
  schedule: { kind: 'clinic', name: 'Respiratory clinic', serviceType: 'respiratory' },
  /** Tuesdays and Thursdays 09:00-12:00 (London), 20-minute slots. */
  rule: {
    rrule: 'FREQ=WEEKLY;BYDAY=TU,TH',
    startTime: '09:00',
    endTime: '12:00',
    slotMinutes: 20,
    validFrom: DEMO_SEASON_START,
    reservation: { reservedFor: { kind: 'all_cdas' }, releaseBeforeMinutes: 2 * 24 * 60 },
  },
} as const;
