export * from './session-values';
export * from './session-published.v1';
export * from './session-withdrawn.v1';
export * from './walk-in-recorded.v1';
export * from './service-registered.v1';
export * from './offer-made.v1';
