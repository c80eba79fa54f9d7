export * from './client-values';
export * from './client-registered.v1';
export * from './client-updated.v1';
export * from './client-contact-changed.v1';
export * from './client-consent-changed.v1';
export * from './client-contact-data-erased.v1';
