export * from './topics';
export * from './envelope';
export * from './define-event';
export * from './catalogue';
export * from './events/referrals/referral-created.v1';
export * from './values';
