/**
 * Synthetic demo data: invented clients, each with a physical-health need and a referral for it, no
 * real person's data. Each step has its own stable seed key (its Idempotency-Key).
 */
export const DEMO_REFERRALS = [
  {
    seedKey: 'seed-referral-0001',
    client: {
      name: { given: 'Dean', family: 'Walsh' },
      dateOfBirth: '1968-03-14',
      flags: { noFixedAbode: true },
    },
    need: { category: 'respiratory_copd', notes: 'Breathless on stairs, productive cough for 3 months' },
    referral: {
      destinationKind: 'gp',
      destinationName: 'Hillside Surgery',
      urgency: 'soon',
      reason: 'Breathless on stairs, productive cough for 3 months: COPD review and spirometry',
      accompaniment: { needed: true, by: 'peer_supporter', transportArranged: false },
    },
  },
  {
    seedKey: 'seed-referral-0002',
    client: { name: { given: 'Marie', family: 'Okafor' }, dateOfBirth: '1972-11-02' },
    need: { category: 'respiratory_copd', notes: 'Known COPD, two exacerbations this winter' },
    referral: {
      destinationKind: 'outpatient',
      destinationName: 'St Elsewhere Hospital respiratory clinic',
      urgency: 'routine',
      reason: 'Known COPD, two exacerbations this winter; reserved CDAS slot requested',
    },
  },
  {
    seedKey: 'seed-referral-0003',
    client: { name: { given: 'Tony', family: 'Reid' }, dateOfBirth: '1981-07-23' },
    need: { category: 'hepatitis_c', notes: 'Antibody positive at dry blood spot test' },
    referral: {
      destinationKind: 'inreach',
      destinationName: 'Hepatitis C nurse clinic, Riverside Hub',
      urgency: 'routine',
      reason: 'Hepatitis C antibody positive at dry blood spot test; needs RNA test and treatment',
    },
  },
] as const;
