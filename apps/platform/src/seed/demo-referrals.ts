/** Synthetic referrals for the demo: invented clients, no real person's data. */
export const DEMO_REFERRALS = [
  {
    seedKey: 'seed-referral-0001',
    body: {
      clientId: '7a1d0000-0000-4000-8000-000000000001',
      destinationKind: 'gp',
      destinationName: 'Hillside Surgery',
      urgency: 'soon',
      reason: 'Breathless on stairs, productive cough for 3 months: COPD review and spirometry',
    },
  },
  {
    seedKey: 'seed-referral-0002',
    body: {
      clientId: '7a1d0000-0000-4000-8000-000000000002',
      destinationKind: 'outpatient',
      destinationName: 'St Elsewhere Hospital respiratory clinic',
      urgency: 'routine',
      reason: 'Known COPD, two exacerbations this winter; reserved CDAS slot requested',
    },
  },
  {
    seedKey: 'seed-referral-0003',
    body: {
      clientId: '7a1d0000-0000-4000-8000-000000000003',
      destinationKind: 'inreach',
      destinationName: 'Hepatitis C nurse clinic, Riverside Hub',
      urgency: 'routine',
      reason: 'Hepatitis C antibody positive at dry blood spot test; needs RNA test and treatment',
    },
  },
] as const;
