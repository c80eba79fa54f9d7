export * from './referral-values';
export * from './referral-created.v1';
export * from './referral-status-changed.v1';
